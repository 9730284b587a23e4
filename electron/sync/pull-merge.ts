/**
 * Three-way merge of what a pull finds: `base` is what the remote had at the last sync (the sync
 * state), `local` what the store has now, `remote` what the remote has now. Absent is undefined.
 * Pure: the pull engine turns the answer into ops and sync facts.
 */
export type Merge =
  /** Both sides agree: nothing to change here; record the remote's value as the new base. */
  | 'same'
  /** Only the remote changed: take its value here, then record it. */
  | 'take'
  /** Only this side changed: keep it (the next push sends it); record nothing. */
  | 'keep'
  /** Both changed, differently: keep this side, record nothing, report it. */
  | 'clash';

export function mergeValue<T>(base: T | undefined, local: T | undefined, remote: T | undefined): Merge {
  if (local === remote) return 'same';
  if (remote === base) return 'keep';
  if (local === base) return 'take';
  return 'clash';
}

export interface TagClash {
  key: string;
  local: string | undefined;
  remote: string | undefined;
}

export interface TagMerge {
  /** Tags to set here (new or changed on the remote only). */
  set: { key: string; value: string }[];
  /** Tags to delete here (deleted on the remote only). */
  del: string[];
  /** What the remote now has of each key that needs recording (null: the remote has no such tag). */
  record: { key: string; value: string | null }[];
  clashes: TagClash[];
}

/** Merges tag maps key by key (see mergeValue). */
export function mergeTags(base: ReadonlyMap<string, string>, local: ReadonlyMap<string, string>, remote: ReadonlyMap<string, string>): TagMerge {
  const out: TagMerge = { set: [], del: [], record: [], clashes: [] };
  const keys = [...new Set([...base.keys(), ...local.keys(), ...remote.keys()])].sort();
  for (const key of keys) {
    const b = base.get(key);
    const l = local.get(key);
    const r = remote.get(key);
    const outcome = mergeValue(b, l, r);
    if (outcome === 'clash') out.clashes.push({ key, local: l, remote: r });
    if (outcome === 'take') {
      if (r === undefined) out.del.push(key);
      else out.set.push({ key, value: r });
    }
    if ((outcome === 'same' || outcome === 'take') && b !== r) out.record.push({ key, value: r ?? null });
  }
  return out;
}

/** A clash as one readable line: what each side has, what was kept, and how to take the remote's. */
export function describeClash(c: TagClash, what = 'tag'): string {
  const show = (v: string | undefined) => (v === undefined ? 'deleted' : `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`);
  return `${what} '${c.key}' changed on both sides since the last sync (here: ${show(c.local)}, remote: ${show(c.remote)}); kept this side's value, which the next push sends; to take the remote's, set it here to the remote's value and pull again`;
}
