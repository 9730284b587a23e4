// Benchmark import-db (issue 9): `sextant import` of an mlflow.db plus its mlartifacts/ folder into
// an empty store (the CLI, the store held by no one), against a plain `cp -r` of the same bytes
// followed by a sync, on the same disk, in MB/s. The database is made by import-db-data.ts (the
// real MLflow schema, filled in bulk). Also reports the import's peak memory (sql.js holds the
// database in memory). No pass/fail on timings.
//
//   npm run bench -- --only import-db [--quick] [--import-db-mb N] [--json PATH]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot, sextantBin } from '../support/paths';
import { type ImportDbScale, makeBenchMlflowDb } from './import-db-data';

/** Points per MB of mlflow.db, measured on the schema of MLflow 3.17 (a 1,020 MB file holds 4M points). */
const POINTS_PER_MB = 3_900;

function parse(argv: string[]): { mb: number; quick: boolean; json: string } {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--import-db-mb');
  const mb = at >= 0 ? Number(argv[at + 1]) : quick ? 50 : 1024;
  if (!Number.isFinite(mb) || mb <= 0) throw new Error('--import-db-mb takes a positive number of megabytes');
  const j = argv.indexOf('--json');
  return { mb, quick, json: j >= 0 ? argv[j + 1]! : join(repoRoot, 'test-results', 'bench-import-db.json') };
}

export function scaleFor(mb: number): ImportDbScale {
  const runs = Math.max(4, Math.round(mb / 25));
  const points = Math.max(10, Math.round((mb * POINTS_PER_MB) / (runs * 10)));
  return { runs, metrics: 10, points, artifactBytes: Math.round(mb * 0.1 * 1e6) };
}

/** Runs a command; resolves with its wall time in seconds and its peak resident memory (VmHWM) in bytes. */
function timed(cmd: string, args: string[]): Promise<{ s: number; peak: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) * 1024);
      } catch {
        // the process has ended between two polls
      }
    }, 100);
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.once('error', (e) => { clearInterval(poll); reject(e); });
    child.once('close', (code) => {
      clearInterval(poll);
      if (code === 0) resolve({ s: (performance.now() - t0) / 1000, peak });
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${err.slice(-2000)}`));
    });
  });
}

async function main(): Promise<number> {
  const opts = parse(process.argv.slice(2));
  const scale = scaleFor(opts.mb);
  const work = await mkdtemp(join(tmpdir(), 'sextant-bench-import-db-'));
  try {
    const source = join(work, 'source');
    await mkdir(source);
    console.error(`[import-db] making an mlflow.db of about ${opts.mb} MB: ${scale.runs} runs × ${scale.metrics} metrics × ${scale.points.toLocaleString('en-US')} points + ${(scale.artifactBytes / 1e6).toFixed(0)} MB of artifacts`);
    const { dbBytes, artifactBytes } = await makeBenchMlflowDb(source, scale);
    const bytes = dbBytes + artifactBytes;
    console.error('[import-db] plain copy (cp -r, then sync)');
    const copyDir = join(work, 'copy');
    const copy = await timed('sh', ['-c', `cp -r "${source}" "${copyDir}" && sync -f "${copyDir}/mlflow.db"`]);
    await rm(copyDir, { recursive: true, force: true });
    console.error('[import-db] sextant import');
    const imp = await timed(process.execPath, [sextantBin, 'import', join(source, 'mlflow.db'), '--store', join(work, 'store')]);
    const mbps = (s: number) => bytes / 1e6 / s;
    const result = {
      workload: 'import-db',
      scale: { ...scale, dbBytes, artifactBytes, points: scale.runs * scale.metrics * scale.points },
      sextantImport: { seconds: imp.s, mbPerS: mbps(imp.s), peakRssBytes: imp.peak },
      plainCopy: { seconds: copy.s, mbPerS: mbps(copy.s) },
      ratio: imp.s / copy.s,
    };
    const rows = [
      ['', 'seconds', 'MB/s', 'peak RSS'],
      ['sextant import', imp.s.toFixed(2), mbps(imp.s).toFixed(1), `${(imp.peak / 1e6).toFixed(0)} MB`],
      ['cp -r + sync', copy.s.toFixed(2), mbps(copy.s).toFixed(1), ''],
    ];
    console.log(`import-db: mlflow.db ${(dbBytes / 1e6).toFixed(0)} MB (${result.scale.points.toLocaleString('en-US')} points) + artifacts ${(artifactBytes / 1e6).toFixed(0)} MB`);
    for (const r of rows) console.log(`  ${r[0]!.padEnd(16)}${r[1]!.padStart(10)}${r[2]!.padStart(10)}${r[3]!.padStart(12)}`);
    console.log(`  import takes ${result.ratio.toFixed(1)}× a plain copy of the same bytes`);
    await mkdir(dirname(opts.json), { recursive: true });
    await writeFile(opts.json, JSON.stringify(result, null, 2));
    return 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  console.error(`[import-db] failed: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});
