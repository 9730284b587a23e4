// A development aid (not a workload): the stall mix's server work in one process, without HTTP,
// to compare its garbage collection between builds or V8 flags with less noise than the bench:
// a store of N seeded runs, then for `seconds` rounds of 4 log-batches of 1,000 metrics (the
// body decoded and parsed as the route does), a filtered search of up to 1,000 runs (as the route
// answers it), and a new run with a small log-batch. Reports rounds done, scavenges and
// mark-compacts (count, total and longest pause) and the longest event-loop gap.
// Usage: node [--max-semi-space-size=32] --import tsx test/bench/workloads/stall-inprocess.ts [runs=20000] [seconds=20]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';
import { parseMlflowJson } from '../../../electron/server/mlflow-json';
import { parseMetrics } from '../../../electron/server/parse-metrics';
import { asMessage, keyValues, optArray, reqRunId } from '../../../electron/server/request-fields';
import { logToRun } from '../../../electron/services/logging-service';
import { searchRunsJsonBytesCurrent } from '../../../electron/services/search-service';
import { runsReadModelOf } from '../../../electron/store/read-model/store-read-model';
import { warmSearchParsers } from '../../../shared/search/warm-parsers';
import { openTestStore } from '../../support/open-test-store';
import { prng } from '../../support/prng';
import { seededRunId, seedRuns } from '../../support/seed-runs';
import { BIG_FILTER, BIG_ORDER, BIG_TOP } from '../big-store';
import { MetricBatchBody } from '../payloads';

const runs = Number(process.argv[2] ?? 20_000);
const seconds = Number(process.argv[3] ?? 20);
const dir = await mkdtemp(join(tmpdir(), 'sextant-stall-inproc-'));
const t = await openTestStore(dir);
warmSearchParsers();
try {
  await seedRuns(t.store, { runs, params: 10, metrics: 10, tags: 3, random: prng(7) });
  runsReadModelOf(t.store).buildNow();
  const keys = Array.from({ length: 10 }, (_, i) => `metric_${i}`);
  const bodies = [0, 1, 2, 3].map((w) => new MetricBatchBody(seededRunId(w * 3), keys, 100, prng(3000 + w)));
  const search = { experimentIds: ['0'], filter: BIG_FILTER, orderBy: [BIG_ORDER], maxResults: BIG_TOP };
  const logBatch = (text: string) => {
    const m = asMessage(parseMlflowJson(text));
    const { points, modelMetrics } = parseMetrics(optArray(m, 'metrics'));
    return logToRun(t.svc, { runId: reqRunId(m), metrics: points, modelMetrics, params: keyValues(m, 'params'), tags: keyValues(m, 'tags') });
  };
  const gc = { minor: [] as number[], major: [] as number[] };
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = ((e as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind;
      (kind === constants.NODE_PERFORMANCE_GC_MINOR ? gc.minor : gc.major).push(e.duration);
    }
  });
  let gap = 0;
  let last = performance.now();
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
    if (ticking) setImmediate(tick);
  };
  obs.observe({ entryTypes: ['gc'] });
  setImmediate(tick);
  const base = Date.now();
  const until = performance.now() + seconds * 1000;
  let round = 0;
  while (performance.now() < until) {
    const writes = bodies.map((b, w) => logBatch(b.build(round * 100, base + round * 100 + w).toString('utf8')));
    const answer = searchRunsJsonBytesCurrent(t.svc, search);
    if (answer instanceof Promise) await answer;
    const runId = `eeee${String(round).padStart(28, '0')}`;
    writes.push(t.store.commit({ type: 'run.create', runId, experimentId: '0', name: `late-${round}`, userId: 'bench', startTime: base + round, artifactUri: `a/${runId}`, tags: [], time: base + round }).then(() => undefined));
    writes.push(logBatch(JSON.stringify({ run_id: runId, metrics: keys.map((key, i) => ({ key, value: i, timestamp: base, step: 0 })), params: [{ key: 'p', value: 'v' }], tags: [{ key: 't', value: 'x' }] })));
    await Promise.all(writes);
    await new Promise((r) => setImmediate(r));
    round++;
  }
  ticking = false;
  obs.disconnect();
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  const fmt = (a: number[]) => `${a.length} (${sum(a).toFixed(0)} ms, longest ${Math.max(0, ...a).toFixed(1)} ms)`;
  console.log(`${runs} runs, ${seconds} s: ${round} rounds; scavenges ${fmt(gc.minor)}; mark-compacts ${fmt(gc.major)}; per 100 rounds: ${((gc.minor.length * 100) / round).toFixed(1)} scavenges; longest loop gap ${gap.toFixed(1)} ms`);
} finally {
  await t.store.close();
  await rm(dir, { recursive: true, force: true });
}
