// A development aid (not a workload): what one log-batch of 1,000 metrics (10 keys x 100 steps,
// the stall mix's shape) costs the event loop in process, by part: the body's JSON parse,
// parseMetrics, and logToRun up to the commit's synchronous end. Medians and maxima over
// `reps` batches on a store of `runs` seeded runs, after a warm-up.
// Usage: node --import tsx test/bench/workloads/stall-logbatch.ts [runs=2000] [reps=300]
// PROFILE_FILE=<path> writes a CPU profile of the measured batches; HEAP_PROFILE_FILE=<path> a
// sampling heap profile of them (garbage included: where the scavenges' work comes from).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { parseMlflowJson } from '../../../electron/server/mlflow-json';
import { parseMetrics } from '../../../electron/server/parse-metrics';
import { asMessage, keyValues, optArray, reqRunId } from '../../../electron/server/request-fields';
import { logToRun } from '../../../electron/services/logging-service';
import { openTestStore } from '../../support/open-test-store';
import { prng } from '../../support/prng';
import { seededRunId, seedRuns } from '../../support/seed-runs';
import { MetricBatchBody } from '../payloads';

const runs = Number(process.argv[2] ?? 2000);
const reps = Number(process.argv[3] ?? 300);
const dir = await mkdtemp(join(tmpdir(), 'sextant-logbatch-'));
const t = await openTestStore(dir);
const stat = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return `p50 ${s[Math.floor(s.length / 2)]!.toFixed(2)} p90 ${s[Math.floor(s.length * 0.9)]!.toFixed(2)} max ${s[s.length - 1]!.toFixed(2)}`;
};
try {
  await seedRuns(t.store, { runs, params: 10, metrics: 10, tags: 3, random: prng(7) });
  const keys = Array.from({ length: 10 }, (_, i) => `metric_${i}`);
  const bodies = [0, 1, 2, 3].map((w) => new MetricBatchBody(seededRunId(w * 3), keys, 100, prng(3000 + w)));
  const parse: number[] = [], metrics: number[] = [], commit: number[] = [], all: number[] = [];
  const profile = process.env.PROFILE_FILE;
  const heapProfile = process.env.HEAP_PROFILE_FILE;
  const session = profile || heapProfile ? new (await import('node:inspector/promises')).Session() : undefined;
  const base = Date.now();
  const gcs: number[] = [];
  let counting = false;
  const obs = new PerformanceObserver((list) => {
    if (counting) for (const e of list.getEntries()) gcs.push(e.duration);
  });
  obs.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < reps + 50; i++) {
    if (i === 50) counting = true;
    if (i === 50 && session) {
      session.connect();
      if (profile) {
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      } else {
        await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      }
    }
    const text = bodies[i % 4]!.build(i * 100, base + i * 100).toString();
    const t0 = performance.now();
    const m = asMessage(parseMlflowJson(text));
    const t1 = performance.now();
    const { points, modelMetrics } = parseMetrics(optArray(m, 'metrics'));
    const t2 = performance.now();
    const done = logToRun(t.svc, { runId: reqRunId(m), metrics: points, modelMetrics, params: keyValues(m, 'params'), tags: keyValues(m, 'tags') });
    const t3 = performance.now();
    await done;
    if (i >= 50) {
      parse.push(t1 - t0);
      metrics.push(t2 - t1);
      commit.push(t3 - t2);
      all.push(t3 - t0);
    }
  }
  if (session && profile) {
    const { profile: p } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(profile, JSON.stringify(p));
  } else if (session && heapProfile) {
    const { profile: p } = await session.post('HeapProfiler.stopSampling');
    (await import('node:fs')).writeFileSync(heapProfile, JSON.stringify(p));
  }
  counting = false;
  obs.disconnect();
  console.log(`GC during the measured batches: ${gcs.length} (${gcs.reduce((a, b) => a + b, 0).toFixed(0)} ms)`);
  console.log(`JSON parse   ${stat(parse)}`);
  console.log(`parseMetrics ${stat(metrics)}`);
  console.log(`logToRun     ${stat(commit)}`);
  console.log(`all (sync)   ${stat(all)}`);
} finally {
  await t.store.close();
  await rm(dir, { recursive: true, force: true });
}
