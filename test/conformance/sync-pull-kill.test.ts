// `sextant pull` as a user runs it (a child process), SIGKILLed at seeded random moments and run
// again until it finishes, against a real `mlflow server` seeded by the official Python client
// with a nested sweep and a bigger experiment (long histories, artifacts). The store it leaves
// must equal the store of one uninterrupted pull, read through the store's repos (runs, params,
// tags, inputs, every metric point exactly once, lazy files, files byte for byte, the sync state),
// and equal the remote as the official Python client reads both (through `sextant serve`); a
// further pull reports nothing new. Both --artifacts lazy and eager. Needs `npm run build`.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLocalArtifacts } from '../../electron/sync/local-artifacts';
import { findExperimentByName } from '../../electron/store/repos/experiments-repo';
import { getRun } from '../../electron/store/repos/runs-repo';
import { openTestStore } from '../support/open-test-store';
import { prng } from '../support/prng';
import { jsonReport, runCli, type CliResult } from '../support/run-cli';
import { startMlflow, startSextant, type RunningServer } from '../support/servers';
import { dumpExperiment, py, type ExperimentDump } from './sync/mlflow-py';

/** Seeds the random kill moments; SEXTANT_SYNC_SEED=n repeats a run. */
const seed = Number(process.env.SEXTANT_SYNC_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** The bigger experiment: runs × 2 metrics × points, and an artifact of kb KiB per run. */
const BIG = { runs: 6, points: 4000, kb: 512 };
const EXPERIMENTS = ['sweep', 'big'];
const KILLS = 5;

interface Report { summary: string; problems: { item: string; message: string }[]; details: Record<string, unknown> }

const explain = (r: CliResult) => `exit ${r.code} (signal ${r.signal})\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
const dirs: string[] = [];
const freshStore = () => {
  const d = mkdtempSync(join(tmpdir(), 'sextant-pull-kill-'));
  dirs.push(d);
  return join(d, 'store');
};

/** Everything a pull leaves in a store (no process may hold it), in a form two stores compare by. */
async function storeState(dir: string) {
  const t = await openTestStore(dir);
  try {
    const db = t.store.db;
    const experiments: Record<string, unknown> = {};
    for (const name of EXPERIMENTS) {
      const exp = findExperimentByName(db, name);
      if (!exp) {
        experiments[name] = 'missing';
        continue;
      }
      const runs: Record<string, unknown> = {};
      for (const { run_id: runId } of db.all<{ run_id: string }>('SELECT run_id FROM runs WHERE experiment_id = ? ORDER BY run_id', [exp.experiment_id])) {
        const run = getRun(db, runId);
        const series: Record<string, string[]> = {};
        for (const meta of t.store.ctx.series.forRun(runId)) {
          const points: string[] = [];
          t.store.ctx.files.forEachChunk(meta, 0, meta.points, (pts) => {
            for (let i = 0; i < pts.length; i += 3) points.push(`${pts[i]}|${pts[i + 1]}|${pts[i + 2]}`);
          });
          series[meta.key] = points.sort(); // every point, duplicates included
        }
        const root = join(t.store.artifactsDir, run.info.artifact_uri.replace(/^mlflow-artifacts:\/+/, ''));
        const files = Object.fromEntries((await listLocalArtifacts(root)).map((f) => [f.path, createHash('sha256').update(readFileSync(f.file)).digest('hex')]));
        const { last_update_time: _changes, ...info } = run.info as typeof run.info & { last_update_time?: number };
        runs[runId] = { info, data: run.data, inputs: run.inputs, series, files };
      }
      experiments[name] = { tags: db.all('SELECT key, value FROM experiment_tags WHERE experiment_id = ? ORDER BY key', [exp.experiment_id]), runs };
    }
    const table = (sql: string) => db.all(sql);
    return {
      experiments,
      pulled: table('SELECT run_id, remote, artifact_root, complete, fingerprint FROM pulled_runs ORDER BY run_id'),
      lazy: table('SELECT run_id, path, remote, size FROM lazy_artifacts ORDER BY run_id, path'),
      sync: {
        ids: table('SELECT remote, kind, local_id, remote_id FROM sync_ids ORDER BY remote, kind, local_id'),
        runs: table('SELECT * FROM sync_runs ORDER BY remote, run_id'),
        tags: table('SELECT * FROM sync_tags ORDER BY remote, run_id, key'),
        series: table('SELECT * FROM sync_series ORDER BY remote, run_id, key'),
        // The mtime is the local file's: only whether the file was downloaded (non-zero) compares.
        artifacts: table('SELECT remote, run_id, path, size, mtime > 0 AS downloaded, pulled FROM sync_artifacts ORDER BY remote, run_id, path'),
      },
    };
  } finally {
    await t.store.close();
  }
}

/** How far the pulls so far got: runs started and runs complete. */
async function progressOf(dir: string): Promise<string> {
  const t = await openTestStore(dir);
  try {
    const row = t.store.db.get<{ started: number; complete: number | null }>('SELECT count(*) AS started, sum(complete) AS complete FROM pulled_runs')!;
    return `${row.started} runs started, ${row.complete ?? 0} complete`;
  } finally {
    await t.store.close();
  }
}

/** An experiment of a store no process holds, as the official client reads it through `sextant serve` (which downloads lazy files). */
async function dumpStore(store: string, experiment: string): Promise<ExperimentDump> {
  const serve = await startSextant({ dataDir: store });
  try {
    return await dumpExperiment(serve.url, experiment);
  } finally {
    await serve.stop({ keepData: true });
  }
}

describe('sextant pull SIGKILLed at random moments finishes exactly once', () => {
  let mlflow: RunningServer;
  const remoteDumps: Record<string, ExperimentDump> = {};

  beforeAll(async () => {
    mlflow = await startMlflow();
    await Promise.all([
      py('seed_big.py', mlflow.url, ['big', String(BIG.runs), String(BIG.points), String(BIG.kb)]),
      py('seed_sweep.py', mlflow.url, ['sweep']).then(() => py('seed_sweep.py', mlflow.url, ['sweep', 'more'])), // every run finished
    ]);
    for (const name of EXPERIMENTS) remoteDumps[name] = await dumpExperiment(mlflow.url, name);
  }, 300_000);

  afterAll(async () => {
    await mlflow?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  for (const mode of ['lazy', 'eager'] as const) {
    it(`--artifacts ${mode} (seed ${seed})`, async () => {
      const random = prng(seed + (mode === 'eager' ? 1 : 0));
      const pullArgs = (store: string) => ['pull', 'team', '--store', store, ...EXPERIMENTS.flatMap((e) => ['--experiment', e]), '--artifacts', mode, '--json'];
      const newStore = async () => {
        const store = freshStore();
        const added = await runCli(['remote', 'add', 'team', mlflow.url, '--store', store]);
        expect(added.code, explain(added)).toBe(0);
        return store;
      };

      const reference = await newStore();
      const started = Date.now();
      const whole = await runCli(pullArgs(reference));
      const wholeMs = Date.now() - started;
      expect(whole.code, explain(whole)).toBe(0);
      expect(jsonReport<Report>(whole).problems).toEqual([]);
      expect(jsonReport<Report>(whole).details).toMatchObject({ created: 4 + BIG.runs });

      // The command's own start (node, opening the store) is not worth killing in: measured here.
      const startedStatus = Date.now();
      const status = await runCli(['sync', 'status', 'team', '--store', reference]);
      const startMs = Date.now() - startedStatus;
      expect(status.code, explain(status)).toBe(0);

      const store = await newStore();
      const outcomes: string[] = [];
      try {
        for (let i = 0; i < KILLS; i++) {
          // A moment while one whole pull was working here, after the command started.
          const killAfterMs = Math.round(startMs + random() * Math.max(200, wholeMs - startMs));
          const r = await runCli(pullArgs(store), { killAfterMs });
          outcomes.push(r.killed ? `killed after ${killAfterMs} ms (${await progressOf(store)})` : `ended by itself (exit ${r.code}) before ${killAfterMs} ms`);
          if (!r.killed) expect(r.code, explain(r)).toBe(0);
        }
        expect(outcomes.some((o) => o.startsWith('killed')), outcomes.join('; ')).toBe(true);
        const last = await runCli(pullArgs(store));
        expect(last.code, explain(last)).toBe(0);
        expect(jsonReport<Report>(last).problems).toEqual([]);

        const again = await runCli(pullArgs(store));
        expect(again.code, explain(again)).toBe(0);
        expect(jsonReport<Report>(again).details).toMatchObject({ created: 0, updated: 0, unchanged: 4 + BIG.runs, points: 0, artifacts: 0, removed: 0, bytes: 0 });

        const [killed, once] = [await storeState(store), await storeState(reference)];
        expect(Object.keys((killed.experiments.big as { runs: object }).runs)).toHaveLength(BIG.runs);
        expect(killed.pulled.every((p) => (p as { complete: number }).complete === 1)).toBe(true);
        expect(killed.lazy).toHaveLength(mode === 'lazy' ? 4 + 2 * BIG.runs : 0);
        expect(killed).toEqual(once);

        for (const name of EXPERIMENTS) expect(await dumpStore(store, name), name).toEqual(remoteDumps[name]);
      } catch (err) {
        const e = err as Error;
        e.message = `seed ${seed} (repeat with SEXTANT_SYNC_SEED=${seed}); whole pull ${wholeMs} ms, start ${startMs} ms; attempts: ${outcomes.join('; ')}\n${e.message}`;
        throw e;
      }
    }, 400_000);
  }
});
