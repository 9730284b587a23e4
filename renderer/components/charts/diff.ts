import type { KeyValue, Run } from '../../../shared/domain/tracking';
import { metricNumber } from './run-fields';
import { formatValue } from './series-math';

export type DiffSection = 'params' | 'metrics' | 'tags';

/** One key across the runs: its shown value in each run (null: missing) and whether the runs disagree. */
export interface DiffRow {
  section: DiffSection;
  key: string;
  values: (string | null)[];
  differs: boolean;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function rows(section: DiffSection, runs: readonly Run[], pick: (run: Run) => Map<string, { exact: string; shown: string }>): DiffRow[] {
  const maps = runs.map(pick);
  const keys = new Set<string>();
  for (const m of maps) for (const k of m.keys()) keys.add(k);
  return [...keys].sort(collator.compare).map((key) => {
    const cells = maps.map((m) => m.get(key) ?? null);
    const first = cells[0]?.exact;
    return { section, key, values: cells.map((c) => c?.shown ?? null), differs: cells.some((c) => c?.exact !== first) };
  });
}

const texts = (list: KeyValue[] | undefined, keep: (key: string) => boolean = () => true) =>
  new Map((list ?? []).filter((kv) => keep(kv.key)).map((kv) => [kv.key, { exact: kv.value, shown: kv.value }]));

/**
 * Params, latest metrics and tags of the runs side by side (runs in the given order). Metrics
 * differ when their exact values differ, even if the 6-digit display is the same. Tags set by
 * MLflow itself (`mlflow.*`) only when asked for.
 */
export function diffRows(runs: readonly Run[], opts: { systemTags?: boolean } = {}): DiffRow[] {
  return [
    ...rows('params', runs, (r) => texts(r.data.params)),
    ...rows('metrics', runs, (r) => {
      const out = new Map<string, { exact: string; shown: string }>();
      for (const m of r.data.metrics ?? []) {
        const n = metricNumber(m.value);
        out.set(m.key, { exact: String(n), shown: formatValue(n) });
      }
      return out;
    }),
    ...rows('tags', runs, (r) => texts(r.data.tags, (k) => opts.systemTags || !k.startsWith('mlflow.'))),
  ];
}

/** Keys whose values are not all the same. */
export const differing = (list: readonly DiffRow[]) => list.filter((r) => r.differs);
