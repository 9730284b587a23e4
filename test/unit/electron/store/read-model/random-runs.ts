import type { Store } from '../../../../../electron/store/store';
import { prng } from '../../../../support/prng';

export { prng };


export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** Strings that make SQL and JS disagree when either is careless: case, wildcards, unicode (above U+FFFF too), digits. */
export const STRING_VALUES = ['', 'a', 'A', 'abc', 'ABC', 'aBc', '%', '_', 'a%b', 'a_b', 'axb', 'é', 'É', 'éa', '😀', '😀x', '\uE000', '\uFFFD', 'x y', '10', '9', '1.0', 'v3', 'run', 'Run-1'];
export const METRIC_VALUES = [Number.NaN, Infinity, -Infinity, -0, 0, 0.5, 0.5, 1, -1, 1e-300, 1e300, 2.5, 3, 0.1 + 0.2, Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2];
export const METRIC_KEYS = ['m0', 'm1', 'm2', 'loss'];
export const PARAM_KEYS = ['p0', 'p1', 'p2'];
export const TAG_KEYS = ['t0', 't1', 'mlflow.note'];
export const DATASETS = [
  { name: 'ds1', digest: 'd1' },
  { name: 'DS1', digest: 'd2' },
  { name: 'ds_2', digest: 'd%' },
];
export const CONTEXTS = ['training', 'eval', 'Training'];

/** Run ids that sort differently as UTF-16 and as code points would not be valid ids; hex ids of varying prefixes instead. */
const runId = (i: number, rnd: () => number) => `${Math.floor(rnd() * 16).toString(16)}${i.toString(16).padStart(31, '0')}`;

/**
 * Fills a store with `n` random runs in `experiments` through ordinary ops: random subsets of
 * metrics (edge values, several points), params and tags (edge strings), names, statuses,
 * start/end times (some missing or equal), dataset inputs with contexts, some runs deleted.
 */
export async function seedRandomRuns(store: Store, rnd: () => number, n: number, experiments: string[]): Promise<string[]> {
  const ids: string[] = [];
  let t = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    const id = runId(i, rnd);
    ids.push(id);
    const experimentId = pick(rnd, experiments);
    const startTime = rnd() < 0.1 ? null : rnd() < 0.2 ? 1_700_000_000_000 : t + Math.floor(rnd() * 1000);
    t += 3;
    await store.commit({ type: 'run.create', runId: id, experimentId, name: pick(rnd, STRING_VALUES), userId: pick(rnd, ['alice', 'bob', 'Bob', 'é']), startTime, artifactUri: `mlflow-artifacts:/${experimentId}/${id}/${pick(rnd, ['a', 'b_%'])}`, tags: [], time: t });
    const keys = METRIC_KEYS.filter(() => rnd() < 0.7);
    const pts: number[] = [];
    const keyIdx: number[] = [];
    keys.forEach((_, k) => {
      const points = 1 + Math.floor(rnd() * 3);
      for (let p = 0; p < points; p++) {
        keyIdx.push(k);
        pts.push(t + Math.floor(rnd() * 3), Math.floor(rnd() * 3), rnd() < 0.3 ? rnd() * 10 - 5 : pick(rnd, METRIC_VALUES));
      }
    });
    await store.commit({
      type: 'run.log', runId: id,
      metrics: keys.length ? { keys, keyIdx, pts: Float64Array.from(pts) } : null,
      params: PARAM_KEYS.filter(() => rnd() < 0.7).map((key) => ({ key, value: pick(rnd, STRING_VALUES) })),
      tags: TAG_KEYS.filter(() => rnd() < 0.6).map((key) => ({ key, value: pick(rnd, STRING_VALUES) })),
      time: t,
    });
    if (rnd() < 0.3) {
      const d = pick(rnd, DATASETS);
      await store.commit({
        type: 'run.logInputs', runId: id, time: t, models: [],
        datasets: [{ ...d, sourceType: 'local', source: '{}', tags: rnd() < 0.7 ? [{ key: 'mlflow.data.context', value: pick(rnd, CONTEXTS) }] : [], datasetId: `ds-${experimentId}-${d.name}-${d.digest}`, inputId: `in-${id}` }],
      });
    }
    if (rnd() < 0.5) await store.commit({ type: 'run.update', runId: id, status: pick(rnd, ['FINISHED', 'FAILED', 'KILLED']), endTime: rnd() < 0.8 ? t + Math.floor(rnd() * 5) : undefined, time: t });
    if (rnd() < 0.15) await store.commit({ type: 'run.delete', runId: id, time: t });
  }
  return ids;
}
