import type { RunRecord } from '../../store/read-model/run-record';

interface Kept {
  query: string;
  version: number;
  records: RunRecord[];
}

/**
 * The last table query's every match in order, kept while the store commits nothing: the
 * table reads a query page after page, and each page would otherwise filter and order every
 * run of the experiment again (50 times for 50,000 runs). Any commit drops it (records are
 * replaced, never changed in place, so what is kept is exactly what a new search would find).
 */
export function orderedMatchesCache(onCommit: (listener: () => void) => () => void) {
  let version = 0;
  let kept: Kept | undefined;
  const stop = onCommit(() => {
    version++;
    kept = undefined;
  });
  return {
    /** The kept matches of `query`, if nothing was committed since they were found. */
    get(query: string): RunRecord[] | undefined {
      return kept && kept.query === query && kept.version === version ? kept.records : undefined;
    },
    set(query: string, records: RunRecord[]): void {
      kept = { query, version, records };
    },
    stop,
  };
}

export type OrderedMatchesCache = ReturnType<typeof orderedMatchesCache>;
