// A development aid for the UI benchmark at scale: SEXTANT_BENCH_UI_STORE=<dir> keeps the store
// there and, when it already holds the same seed (the same shape), measures it again without
// seeding (50,000 runs over REST take minutes to tens of minutes on a busy machine). Without it,
// every run seeds a fresh store, as the benchmark's results are meant to be taken.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REUSED_STORE = process.env.SEXTANT_BENCH_UI_STORE;

export interface SeedRecord {
  /** What was seeded: runs, columns, chart runs and points (a different shape seeds again). */
  shape: string;
  tableExperimentId: string;
  chartRunIds: string[];
  chartPoints: number;
}

const FILE = 'bench-ui-seed.json';

export function readSeed(dir: string, shape: string): SeedRecord | undefined {
  const file = join(dir, FILE);
  if (!existsSync(file)) return undefined;
  const rec = JSON.parse(readFileSync(file, 'utf8')) as SeedRecord;
  return rec.shape === shape ? rec : undefined;
}

export function writeSeed(dir: string, rec: SeedRecord): void {
  writeFileSync(join(dir, FILE), JSON.stringify(rec));
}
