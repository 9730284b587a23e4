// The table experiment written straight into a store (through its commit, as test/support/seed-runs.ts
// does), before `sextant serve` opens it: the same runs as seedTable sends over REST, in a minute
// instead of tens of minutes for 50,000 runs on a busy machine (over REST every run is three
// requests, each a journal write, and the store checkpoints a growing database as they come).
// Chosen with SEXTANT_BENCH_UI_SEED=store; REST is the default.
import { randomBytes } from 'node:crypto';
import { createExperiment } from '../../../electron/services/experiments-service';
import { openTestStore } from '../../support/open-test-store';
import { type TableShape, tableRun } from './seed';

export const SEED_IN_STORE = process.env.SEXTANT_BENCH_UI_SEED === 'store';

/** Commits in flight at once (each waits for its journal record). */
const IN_FLIGHT = 3000;

export async function seedTableInStore(dir: string, shape: TableShape, log: (m: string) => void): Promise<{ experimentId: string; ms: number }> {
  const t0 = performance.now();
  const { store, svc } = await openTestStore(dir);
  try {
    const experimentId = await createExperiment(svc, { name: `bench-ui-table-${Date.now().toString(36)}`, tags: [] });
    const baseTime = Date.now() - shape.runs * 1000 - 86_400_000;
    let pending: Promise<unknown>[] = [];
    for (let i = 0; i < shape.runs; i++) {
      const run = tableRun(i, shape, baseTime);
      const runId = randomBytes(16).toString('hex');
      const time = run.startTime;
      const tags = [...run.tags, { key: 'mlflow.runName', value: run.name }, { key: 'mlflow.user', value: 'bench' }];
      pending.push(store.commit({ type: 'run.create', runId, experimentId, name: run.name, userId: 'bench', startTime: run.startTime, artifactUri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`, tags, time }));
      const pts = new Float64Array(run.metrics.length * 3);
      run.metrics.forEach((m, j) => {
        pts[j * 3] = m.timestamp;
        pts[j * 3 + 1] = m.step;
        pts[j * 3 + 2] = m.value;
      });
      const metrics = { keys: run.metrics.map((m) => m.key), keyIdx: run.metrics.map((_, j) => j), pts };
      pending.push(store.commit({ type: 'run.log', runId, metrics, params: run.params, tags: [], time }));
      pending.push(store.commit({ type: 'run.update', runId, status: run.status, endTime: run.endTime, time: run.endTime }));
      if (pending.length >= IN_FLIGHT) {
        await Promise.all(pending);
        pending = [];
      }
      if ((i + 1) % 10_000 === 0) log(`seeded ${(i + 1).toLocaleString('en-US')} / ${shape.runs.toLocaleString('en-US')} runs in the store (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await Promise.all(pending);
    return { experimentId, ms: performance.now() - t0 };
  } finally {
    const c0 = performance.now();
    await store.close();
    log(`closed the seeded store in ${((performance.now() - c0) / 1000).toFixed(1)} s`);
  }
}
