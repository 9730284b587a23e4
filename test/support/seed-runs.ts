import type { Store } from '../../electron/store/store';

export interface SeedRunsOptions {
  runs: number;
  experimentId?: string;
  params?: number;
  metrics?: number;
  /** Points per metric (steps 0..n-1). */
  points?: number;
  tags?: number;
  /** Commits in flight at once (each waits for its journal record). */
  concurrency?: number;
  random?: () => number;
}

/** The id of the i-th seeded run: 32 hex digits, in creation order. */
export const seededRunId = (i: number) => i.toString(16).padStart(32, '0');

/**
 * Fills a store with runs straight through `store.commit` (no HTTP, no services): run `i` has
 * params p0..p{n-1} = `v{(i+k) % 7}`, metrics m0..m{n-1} with random values, and tags t0.. =
 * `{i % 5}`. Tens of thousands of runs take seconds, for tests and benchmarks at scale.
 */
export async function seedRuns(store: Store, opts: SeedRunsOptions): Promise<string[]> {
  const { runs, experimentId = '0', params = 10, metrics = 10, points = 1, tags = 3, concurrency = 2000 } = opts;
  const random = opts.random ?? Math.random;
  const keys = Array.from({ length: metrics }, (_, k) => `m${k}`);
  const keyIdx = Array.from({ length: metrics * points }, (_, j) => Math.floor(j / points));
  const ids: string[] = [];
  let pending: Promise<unknown>[] = [];
  const t0 = 1_700_000_000_000;
  for (let i = 0; i < runs; i++) {
    const runId = seededRunId(i);
    ids.push(runId);
    const time = t0 + i;
    pending.push(store.commit({ type: 'run.create', runId, experimentId, name: `run-${i}`, userId: 'seed', startTime: time, artifactUri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`, tags: [{ key: 'mlflow.user', value: 'seed' }], time }));
    const pts = new Float64Array(metrics * points * 3);
    for (let j = 0; j < metrics * points; j++) {
      pts[j * 3] = time + (j % points);
      pts[j * 3 + 1] = j % points;
      pts[j * 3 + 2] = random();
    }
    pending.push(store.commit({
      type: 'run.log', runId, metrics: metrics ? { keys, keyIdx, pts } : null,
      params: Array.from({ length: params }, (_, k) => ({ key: `p${k}`, value: `v${(i + k) % 7}` })),
      tags: Array.from({ length: tags }, (_, k) => ({ key: `t${k}`, value: String(i % 5) })), time,
    }));
    if (pending.length >= concurrency) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return ids;
}
