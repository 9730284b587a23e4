// Informational rows at the end of a run: each server's resident memory and data on disk.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchContext, type BenchTarget } from './context';
import { type Row } from './report';
import { MB, memoryMap, readRss } from './rss';

/** Total size in bytes of the regular files under `dir` (0 if missing). */
export function dirSize(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += dirSize(p);
    else if (e.isFile()) {
      try {
        total += lstatSync(p).size;
      } catch {
        // removed meanwhile
      }
    }
  }
  return total;
}

export function footprintRows(ctx: BenchContext): { rows: Row[]; details: Record<string, unknown> } {
  const rss = (t: BenchTarget | undefined) => {
    const tree = t ? readRss(t.server.process.pid).tree : undefined;
    return tree === undefined ? undefined : tree / MB;
  };
  const disk = (t: BenchTarget | undefined) => (t ? dirSize(t.server.dataDir) / MB : undefined);
  const m = { rssMB: rss(ctx.mlflow), diskMB: disk(ctx.mlflow) };
  const sextantPid = ctx.sextant?.server.process.pid;
  // Where Sextant's memory is (sql.js heaps, its database files, the rest), for the JSON details.
  const s = { rssMB: rss(ctx.sextant), diskMB: disk(ctx.sextant), memoryMap: sextantPid === undefined ? undefined : memoryMap(sextantPid) };
  const note = 'after the workloads above (all their data in one store); MLflow RSS is its whole process tree (CLI, uvicorn, job runner, huey consumers)';
  return {
    rows: [
      { workload: 'footprint', metric: 'server RSS at end of run', unit: 'MB', better: 'lower', mlflow: m.rssMB, sextant: s.rssMB, mlflowNote: note },
      { workload: 'footprint', metric: 'data on disk at end of run', unit: 'MB', better: 'lower', mlflow: m.diskMB, sextant: s.diskMB },
    ],
    details: { mlflow: m, sextant: s },
  };
}
