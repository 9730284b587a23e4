// Workload — bundle (issue 9): a Sextant store holding the push workload's data (runs × 10 metrics
// × points plus artifacts; the --push-* flags set its size) is exported to a bundle with
// `sextant export` and imported into an empty store with `sextant import` (the CLI, the stores
// held by no one), in the clear and encrypted; each is set against a plain copy of the bundle's
// bytes (read, write, fsync) on the same disk, in MB/s. The MLflow column of each row is that
// plain copy (MLflow has no bundle of its own); both columns are seconds for the same bytes.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type BenchContext, type WorkloadResult, seconds } from '../context';
import { type Row } from '../report';
import { sextantBin } from '../../support/paths';
import { startSextant } from '../../support/servers';
import { HttpClient } from '../http';
import { type PushScale, plainUpload, totalPoints } from './push-data';

const EXPERIMENT = 'bench-bundle';
const PASS_ENV = 'SEXTANT_BENCH_BUNDLE_PASS';

/** `sextant ARGS` in a child process; resolves with its wall time in seconds. */
function timedCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [sextantBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, [PASS_ENV]: 'bench passphrase' } });
    let err = '';
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`sextant ${args[0]} exited ${code}\n${err.slice(-2000)}`))));
  });
}

/** A plain copy of `from`'s bytes to a new file, fsynced: what carrying the file costs at least. */
async function plainCopy(from: string, to: string): Promise<number> {
  const t0 = performance.now();
  await pipeline(createReadStream(from, { highWaterMark: 1 << 20 }), createWriteStream(to));
  const fh = await open(to, 'r+');
  await fh.sync();
  await fh.close();
  return (performance.now() - t0) / 1000;
}

const mbps = (bytes: number, s: number) => bytes / 1e6 / s;

export async function bundleBench(ctx: BenchContext): Promise<WorkloadResult> {
  const s: PushScale = ctx.opts.push;
  const size = `${s.runs} runs × ${s.metrics} metrics × ${s.points.toLocaleString('en-US')} points + ${(s.artifactBytes / 1e6).toFixed(0)} MB`;
  if (!ctx.sextantAvailable) {
    ctx.note('bundle skipped: Sextant is not built (npm run build)');
    return { rows: [], details: { skipped: true } };
  }
  const work = await mkdtemp(join(tmpdir(), 'sextant-bench-bundle-'));
  try {
    ctx.log(`seeding a Sextant store with ${size}`);
    const server = await startSextant({ dataDir: join(work, 'store') });
    ctx.adopt(server);
    const http = new HttpClient(server.url, 16);
    try {
      await plainUpload(http, s, EXPERIMENT);
    } finally {
      http.close();
      await server.stop({ keepData: true });
    }
    const rows: Row[] = [];
    const details: Record<string, unknown> = { scale: s, points: totalPoints(s) };
    for (const encrypted of [false, true]) {
      const kind = encrypted ? 'encrypted' : 'in the clear';
      const bundle = join(work, `bench-${encrypted ? 'enc' : 'plain'}.sxb`);
      const pass = encrypted ? ['--passphrase-env', PASS_ENV] : [];
      const exportS = await timedCli(['export', '--out', bundle, '--store', join(work, 'store'), ...pass]);
      const bytes = (await stat(bundle)).size;
      const copyS = await plainCopy(bundle, join(work, 'copy.sxb'));
      await rm(join(work, 'copy.sxb'));
      const target = join(work, `imported-${encrypted ? 'enc' : 'plain'}`);
      const importS = await timedCli(['import', bundle, '--store', target, ...pass]);
      await rm(target, { recursive: true, force: true });
      await rm(bundle);
      const mb = (bytes / 1e6).toFixed(0);
      ctx.log(`${kind}: ${mb} MB bundle; export ${exportS.toFixed(1)} s (${mbps(bytes, exportS).toFixed(0)} MB/s), import ${importS.toFixed(1)} s (${mbps(bytes, importS).toFixed(0)} MB/s), plain copy ${seconds(copyS * 1000)} (${mbps(bytes, copyS).toFixed(0)} MB/s)`);
      const note = 'MLflow column here: a plain copy of the bundle file (read, write, fsync), the floor for carrying the same bytes';
      rows.push(
        { workload: 'bundle', metric: `export ${kind}, ${mb} MB bundle: plain copy ${mbps(bytes, copyS).toFixed(0)} MB/s vs sextant export ${mbps(bytes, exportS).toFixed(0)} MB/s`, unit: 's', better: 'lower', mlflow: copyS, sextant: exportS, mlflowNote: note, sextantNote: 'sextant export --out F --store S (CLI start, store open and close included)' },
        { workload: 'bundle', metric: `import ${kind}, ${mb} MB bundle: plain copy ${mbps(bytes, copyS).toFixed(0)} MB/s vs sextant import ${mbps(bytes, importS).toFixed(0)} MB/s`, unit: 's', better: 'lower', mlflow: copyS, sextant: importS, mlflowNote: note, sextantNote: 'sextant import F --store EMPTY (verifying pass, then the import; CLI start, store open and close included)' },
      );
      details[encrypted ? 'encrypted' : 'plain'] = { bundleBytes: bytes, exportS, importS, copyS, exportMBps: mbps(bytes, exportS), importMBps: mbps(bytes, importS), copyMBps: mbps(bytes, copyS) };
    }
    return { rows, details };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
