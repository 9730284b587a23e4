/** Selection of runs in the table: plain set operations, shared by the store and its tests. */

export function toggleOne(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * Shift-click: everything between the anchor (the last plain click) and the target, in the
 * order the table shows, joins the selection. Without a usable anchor it is a plain toggle.
 */
export function selectRange(selected: ReadonlySet<string>, shownIds: readonly string[], anchor: string | null, target: string): Set<string> {
  const a = anchor === null ? -1 : shownIds.indexOf(anchor);
  const b = shownIds.indexOf(target);
  if (a < 0 || b < 0) return toggleOne(selected, target);
  const next = new Set(selected);
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) next.add(shownIds[i]!);
  return next;
}

/** Keeps only ids that still exist (after a reload dropped some runs). */
export function keepKnown(selected: ReadonlySet<string>, known: ReadonlySet<string>): ReadonlySet<string> {
  for (const id of selected) {
    if (!known.has(id)) return new Set([...selected].filter((s) => known.has(s)));
  }
  return selected;
}
