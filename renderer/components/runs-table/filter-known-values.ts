import type { FilterEntity } from './filter-identifiers';
import type { KnownValues } from './filter-suggest';
import type { RunRecord } from './run-values';

/** At most this many distinct values of one key are offered (the most common first). */
export const KNOWN_VALUES_MAX = 100;

/**
 * The values the loaded runs have for each param, tag and string attribute, most common first,
 * counted on first ask per key and kept (a new list of runs makes a new lookup).
 */
export function knownValues(records: readonly RunRecord[]): KnownValues {
  const cache = new Map<string, string[]>();
  const valueOf = (entity: FilterEntity, key: string, r: RunRecord): string | undefined => {
    if (entity === 'params') return r.params[key];
    if (entity === 'tags') return r.tags[key];
    if (entity === 'attributes') {
      if (key === 'run_name') return r.name || undefined;
      if (key === 'user_id') return r.user || undefined;
    }
    return undefined;
  };
  return (entity, key) => {
    const id = `${entity}\u0000${key}`;
    const hit = cache.get(id);
    if (hit) return hit;
    const counts = new Map<string, number>();
    for (const r of records) {
      const v = valueOf(entity, key, r);
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const list = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, KNOWN_VALUES_MAX).map(([v]) => v);
    cache.set(id, list);
    return list;
  };
}

/**
 * Params' and tags' values from `asked` (every run's, from the main process) once it has them;
 * until then, and for attributes, the loaded runs' (`local`).
 */
export function withAskedValues(local: KnownValues, asked: (entity: 'params' | 'tags', key: string) => readonly string[] | undefined): KnownValues {
  return (entity, key) => ((entity === 'params' || entity === 'tags') && asked(entity, key)) || local(entity, key);
}
