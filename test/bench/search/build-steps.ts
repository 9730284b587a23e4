// A development aid (not a workload): the read model's stepped build (what `sextant serve` does
// after open) on a store of N runs shaped like big-store.ts's, in process: the longest hold of
// the event loop while it builds (a setImmediate ticker), the steps it took, and a runs/search
// (BIG_FILTER / BIG_ORDER) asked as the build starts, which waits for it and answers from the
// model (not from SQL).
// Usage: node --import tsx test/bench/search/build-steps.ts [runs=10000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchRunsJsonBytesCurrent } from '../../../electron/services/search-service';
import { runsReadModelOf } from '../../../electron/store/read-model/store-read-model';
import { warmSearchParsers } from '../../../shared/search/warm-parsers';
import { openTestStore } from '../../support/open-test-store';
import { prng } from '../../support/prng';
import { seedRuns } from '../../support/seed-runs';
import { BIG_FILTER, BIG_ORDER, BIG_TOP } from '../big-store';

const runs = Number(process.argv[2] ?? 10_000);
const dir = await mkdtemp(join(tmpdir(), 'sextant-build-steps-'));
const t = await openTestStore(dir);
warmSearchParsers(); // as the server does before it listens

try {
  await seedRuns(t.store, { runs, params: 10, metrics: 10, tags: 3, random: prng(7) });
  const model = runsReadModelOf(t.store);
  for (let round = 0; round < 3; round++) {
    model.touch({ kind: 'all' }); // nothing held: the next use builds
    let last = performance.now();
    let longest = 0;
    let ticks = 0;
    let done = false;
    const tick = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const t0 = performance.now();
    const answer = await searchRunsJsonBytesCurrent(t.svc, { experimentIds: ['0'], filter: BIG_FILTER, orderBy: [BIG_ORDER], maxResults: BIG_TOP });
    const totalMs = performance.now() - t0;
    longest = Math.max(longest, performance.now() - last);
    done = true;
    console.log(`build ${round + 1}: ${model.stats.buildSteps} steps, built in ${model.stats.lastBuildMs.toFixed(0)} ms, search answered after ${totalMs.toFixed(0)} ms (${answer.length} bytes); longest hold ${longest.toFixed(1)} ms over ${ticks} turns; SQL answers ${model.stats.sqlAnswers}`);
  }
} finally {
  await t.store.close();
  await rm(dir, { recursive: true, force: true });
}
