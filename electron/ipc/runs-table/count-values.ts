import type { TableRunReader } from '../../../shared/ipc/runs-table-codec';
import type { KeyValues } from '../../../shared/ipc/runs-table-types';

/** Tallies one param's or tag's values over runs, whatever holds them. */
export function valueCounter<R>(read: TableRunReader<R>, entity: 'params' | 'tags', key: string) {
  const counts = new Map<string, number>();
  const keysOf = entity === 'params' ? read.paramKeys : read.tagKeys;
  const valueAt = entity === 'params' ? read.paramAt : read.tagAt;
  let hint = 0;
  return {
    add(runs: Iterable<R>): void {
      for (const r of runs) {
        const keys = keysOf(r);
        const i = keys[hint] === key ? hint : keys.indexOf(key);
        if (i < 0) continue;
        hint = i;
        const v = valueAt(r, i);
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
    },
    /** The `limit` most common values (ties in code-point order) and how many there are. */
    top(limit: number): KeyValues {
      const all = [...counts];
      all.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return { values: all.slice(0, limit).map(([v]) => v), distinct: all.length };
    },
  };
}
