// A store that already holds tens of thousands of runs (issue 11: the durability and conformance
// suites must stay green on a 50,000-run store). Seeded once in process (seed-runs.ts) into
// .cache/big-store/ (git-ignored) and copied for each test run, which then writes to its copy.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultExperimentOps } from '../../../electron/services/experiments-service';
import { STORE_FORMAT } from '../../../electron/store/manifest';
import { Store } from '../../../electron/store/store';
import { copyStore } from '../../support/copy-store';
import { repoRoot } from '../../support/paths';
import { prng } from '../../support/prng';
import { seedRuns } from '../../support/seed-runs';

/** Runs in the big store unless told otherwise (SEXTANT_BIG_STORE_RUNS). */
export const BIG_STORE_RUNS = 50_000;
/** The experiment the seeded runs are in: the Default one, where a suite that forgets its own experiment would see them. */
export const BIG_STORE_EXPERIMENT = '0';

const cacheRoot = join(repoRoot, '.cache', 'big-store');

/** Where the template of `runs` runs is kept (named by the store format, so a format change seeds anew). */
export const bigStoreTemplateDir = (runs: number) => join(cacheRoot, `runs-${runs}-format-${STORE_FORMAT}`);

const building = new Map<number, Promise<string>>();

/**
 * The template store of `runs` runs (10 params, 10 metrics of one point, 3 tags each, in the
 * Default experiment), seeded on first use and then reused. It is seeded into a temp folder
 * and renamed into place once closed, so a seeding cut short never leaves a half template,
 * and two processes seeding at once both end with one.
 */
export function bigStoreTemplate(runs: number, log: (line: string) => void = () => {}): Promise<string> {
  let p = building.get(runs);
  if (!p) {
    p = seedTemplate(runs, log);
    building.set(runs, p);
  }
  return p;
}

async function seedTemplate(runs: number, log: (line: string) => void): Promise<string> {
  const dir = bigStoreTemplateDir(runs);
  if (existsSync(join(dir, 'store.json'))) return dir;
  mkdirSync(cacheRoot, { recursive: true });
  const tmp = `${dir}.seeding-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  log(`seeding a ${runs.toLocaleString('en-US')}-run store into ${dir} (once; cached)`);
  const t0 = performance.now();
  const store = await Store.open({ dir: tmp, initialOps: defaultExperimentOps, checkpointWorker: null, log: () => {} });
  try {
    await seedRuns(store, { runs, experimentId: BIG_STORE_EXPERIMENT, random: prng(runs) });
  } finally {
    await store.close();
  }
  try {
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Another process renamed its own template into place first: use that one.
    if (!existsSync(join(dir, 'store.json'))) throw err;
  }
  log(`seeded ${runs.toLocaleString('en-US')} runs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return dir;
}

/** A fresh copy of the template of `runs` runs at `to` (which must not exist yet). */
export async function copyBigStore(to: string, runs: number, log?: (line: string) => void): Promise<void> {
  copyStore(await bigStoreTemplate(runs, log), to);
}

/** The number of runs a big-store test seeds: SEXTANT_BIG_STORE_RUNS, or 50,000. */
export function bigStoreRuns(): number {
  const raw = process.env.SEXTANT_BIG_STORE_RUNS;
  if (raw === undefined || raw === '') return BIG_STORE_RUNS;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`SEXTANT_BIG_STORE_RUNS must be a positive integer, got '${raw}'`);
  return n;
}
