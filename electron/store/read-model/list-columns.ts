import { keyFinder, type RunRecord } from './run-record';

/** One metric key's latest values over a run list: value at i (NaN for NaN), present[i] 0 where the run has none. */
export interface MetricColumn {
  values: Float64Array;
  present: Uint8Array;
}

/** Columns kept per list (the most recently made). */
const COLUMNS_KEPT = 32;

/**
 * Per-key columns of a run list (the model's list of an experiment's runs, replaced whenever
 * one of them changes): a metric key's latest values in a typed array, a param's or tag's
 * values in an array, so a filter reads one array per clause instead of each run's keys.
 * Made on first use per list and key; collected with the list.
 */
export class ListColumns {
  private readonly byList = new WeakMap<readonly RunRecord[], Map<string, MetricColumn | (string | undefined)[] | Uint8Array>>();

  /** 1 where the run is in the lifecycle stage `stage`. */
  inStage(list: readonly RunRecord[], stage: string): Uint8Array {
    return this.column(list, `s\u0000${stage}`, () => Uint8Array.from(list, (r) => (r.lifecycle === stage ? 1 : 0)));
  }

  metric(list: readonly RunRecord[], key: string): MetricColumn {
    return this.column(list, `m\u0000${key}`, () => {
      const find = keyFinder(key);
      const values = new Float64Array(list.length);
      const present = new Uint8Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const r = list[i]!;
        const k = find(r.metricKeys);
        if (k < 0) continue;
        present[i] = 1;
        values[i] = r.metricPoints[3 * k]!;
      }
      return { values, present };
    });
  }

  strings(list: readonly RunRecord[], entity: 'param' | 'tag', key: string): (string | undefined)[] {
    return this.column(list, `${entity === 'param' ? 'p' : 't'}\u0000${key}`, () => {
      const find = keyFinder(key);
      const out = new Array<string | undefined>(list.length);
      for (let i = 0; i < list.length; i++) {
        const r = list[i]!;
        const k = find(entity === 'param' ? r.paramKeys : r.tagKeys);
        out[i] = k < 0 ? undefined : (entity === 'param' ? r.paramValues : r.tagValues)[k];
      }
      return out;
    });
  }

  private column<T extends MetricColumn | (string | undefined)[] | Uint8Array>(list: readonly RunRecord[], id: string, make: () => T): T {
    let columns = this.byList.get(list);
    if (!columns) this.byList.set(list, (columns = new Map()));
    let column = columns.get(id) as T | undefined;
    if (!column) {
      if (columns.size >= COLUMNS_KEPT) columns.delete(columns.keys().next().value!);
      column = make();
      columns.set(id, column);
    }
    return column;
  }
}
