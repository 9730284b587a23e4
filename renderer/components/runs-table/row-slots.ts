/**
 * Which DOM slot each drawn row goes in (the row's React key is its slot, not its run), so that
 * scrolling rewrites the text of rows that left the screen instead of building new ones and
 * throwing the old ones away (at 1,000 px a frame that is ~35 rows of ~30 elements, every frame).
 *
 * - A row that stays in view keeps its slot (same props: it does not re-render).
 * - Rows coming in after the last row that stays (scrolling down, or a jump where none stays)
 *   take the slots of the rows that left, in the order those were drawn: React then moves at
 *   most one element per row that came in, and none at all on a jump.
 * - Rows coming in before a row that stays (scrolling up) get new slots: recycling there would
 *   make React move every row that stays (it only moves elements forward), so they are built.
 *
 * Rows stay in the DOM in the order they are shown (what assistive tech and tests read).
 */
export type RowSlots = ReadonlyMap<string, number>;

/** The slots of `keys` (the rows drawn now, in the order shown), given those of the rows drawn before. */
export function assignRowSlots(previous: RowSlots, keys: readonly string[]): Map<string, number> {
  const current = new Set(keys);
  const freed: number[] = [];
  let fresh = 0;
  for (const [key, slot] of previous) {
    if (!current.has(key)) freed.push(slot);
    if (slot >= fresh) fresh = slot + 1;
  }
  let lastStaying = -1;
  keys.forEach((key, i) => {
    if (previous.has(key)) lastStaying = i;
  });
  const next = new Map<string, number>();
  let reuse = 0;
  keys.forEach((key, i) => {
    if (next.has(key)) return;
    const kept = previous.get(key);
    if (kept !== undefined) next.set(key, kept);
    else if (i > lastStaying && reuse < freed.length) next.set(key, freed[reuse++]!);
    else next.set(key, fresh++);
  });
  return next;
}
