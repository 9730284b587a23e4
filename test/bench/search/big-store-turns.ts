// A development aid (not a workload): how long the big store's search (BIG_FILTER / BIG_ORDER,
// max_results 1,000) holds the event loop, in process, on a store of N runs shaped like
// big-store.ts's (10 params v<(i+k) mod 7>, 10 metrics, 3 tags; seeded through store.commit).
// Each search runs as the route runs it (searchRunsJsonBytesCurrent) while a setImmediate ticker
// records the longest gap between its ticks: the longest stretch the loop was held.
// Usage: node --import tsx test/bench/search/big-store-turns.ts [runs=50000]
// PROFILE_FILE=<path> writes a CPU profile of searches 4-8 (PROFILE_PHASE=first: 1-8; create: the searches after run.create).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchRunsJsonBytesCurrent } from '../../../electron/services/search-service';
import { runsReadModelOf } from '../../../electron/store/read-model/store-read-model';
import { warmSearchParsers } from '../../../shared/search/warm-parsers';
import { openTestStore } from '../../support/open-test-store';
import { prng } from '../../support/prng';
import { seededRunId, seedRuns } from '../../support/seed-runs';
import { BIG_FILTER, BIG_ORDER, BIG_TOP } from '../big-store';

const runs = Number(process.argv[2] ?? 50_000);
const dir = await mkdtemp(join(tmpdir(), 'sextant-big-turns-'));
const t = await openTestStore(dir);
warmSearchParsers(); // as the server does before it listens

/** Runs `fn` while a ticker measures the longest gap between setImmediate turns (ms). */
async function longestHold<T>(fn: () => T | Promise<T>): Promise<{ value: T; holdMs: number; totalMs: number }> {
  let last = performance.now();
  let longest = 0;
  let done = false;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = performance.now();
  const value = await fn();
  const totalMs = performance.now() - t0;
  longest = Math.max(longest, performance.now() - last);
  done = true;
  return { value, holdMs: longest, totalMs };
}

try {
  const s0 = performance.now();
  await seedRuns(t.store, { runs, params: 10, metrics: 10, tags: 3, random: prng(7) });
  console.log(`seeded ${runs} runs in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
  const model = runsReadModelOf(t.store);
  const b0 = performance.now();
  model.buildNow();
  console.log(`model built in ${(performance.now() - b0).toFixed(0)} ms (all at once; serve builds it in steps)`);
  const input = { experimentIds: ['0'], filter: BIG_FILTER, orderBy: [BIG_ORDER], maxResults: BIG_TOP };
  const profile = process.env.PROFILE_FILE;
  const session = profile ? new (await import('node:inspector/promises')).Session() : undefined;
  for (let i = 0; i < 8; i++) {
    if (session && i === (process.env.PROFILE_PHASE === 'first' ? 0 : 3) && process.env.PROFILE_PHASE !== 'create') {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const r = await longestHold(() => searchRunsJsonBytesCurrent(t.svc, input));
    console.log(`search ${i + 1}: ${r.value.length} bytes; longest hold ${r.holdMs.toFixed(1)} ms, total ${r.totalMs.toFixed(1)} ms`);
  }
  if (session && profile && process.env.PROFILE_PHASE !== 'create') {
    const { profile: p } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(profile, JSON.stringify(p));
  }
  // an ingest touching a few runs, then the search again
  for (let i = 0; i < 3; i++) await t.store.commit({ type: 'run.log', runId: seededRunId(i * 7), metrics: { keys: ['m1'], keyIdx: [0], pts: Float64Array.from([Date.now(), 1, 0.99]) }, params: [], tags: [], time: Date.now() });
  const r = await longestHold(() => searchRunsJsonBytesCurrent(t.svc, input));
  console.log(`after a write: longest hold ${r.holdMs.toFixed(1)} ms, total ${r.totalMs.toFixed(1)} ms; SQL answers ${model.stats.sqlAnswers}`);
  // a new run created before each search (its order was re-sorted whole before orders were carried over)
  if (session && process.env.PROFILE_PHASE === 'create') {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  for (let i = 0; i < 5; i++) {
    const runId = `ffff${String(i).padStart(28, '0')}`;
    await t.store.commit({ type: 'run.create', runId, experimentId: '0', name: `late-${i}`, userId: 'bench', startTime: Date.now(), artifactUri: `a/${runId}`, tags: [], time: Date.now() });
    const c = await longestHold(() => searchRunsJsonBytesCurrent(t.svc, input));
    console.log(`after a run.create: longest hold ${c.holdMs.toFixed(1)} ms, total ${c.totalMs.toFixed(1)} ms`);
  }
  console.log(`orders carried over ${model.orders.stats.carried}, dropped ${model.orders.stats.dropped}`);
  if (session && profile && process.env.PROFILE_PHASE === 'create') {
    const { profile: p } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(profile, JSON.stringify(p));
  }
} finally {
  await t.store.close();
  await rm(dir, { recursive: true, force: true });
}
