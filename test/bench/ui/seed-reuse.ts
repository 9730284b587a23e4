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

/** The shape without its chart points: a store seeded with more points per chart run still serves the table's measures. */
const tableShape = (shape: string) => {
  const { chartPoints: _points, ...rest } = JSON.parse(shape) as Record<string, unknown>;
  return JSON.stringify(rest);
};

/**
 * The seed kept in `dir` when it has the same table (runs, columns) and chart runs; a different
 * number of points per chart run is accepted (the record's own count is measured, and reported
 * as `chartPoints`): `--quick` then measures the table of a store seeded at full size.
 */
export function readSeed(dir: string, shape: string): SeedRecord | undefined {
  const file = join(dir, FILE);
  if (!existsSync(file)) return undefined;
  const rec = JSON.parse(readFileSync(file, 'utf8')) as SeedRecord;
  return tableShape(rec.shape) === tableShape(shape) ? rec : undefined;
}

export function writeSeed(dir: string, rec: SeedRecord): void {
  writeFileSync(join(dir, FILE), JSON.stringify(rec));
}
