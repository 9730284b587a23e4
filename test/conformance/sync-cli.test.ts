// The sync commands as a user runs them: `node bin/sextant.js push|remote|sync ...` in a child
// process, against a real `mlflow server` (and a second `sextant serve` as a remote), with the
// store held by `sextant serve` or by nobody. Copies are judged by the official Python client
// (sync/dump_experiment.py on both sides). Covers: SIGKILL of the pushing process at seeded
// random moments, a remote that is down, the hand-off to the holder, token and basic auth,
// and a run deleted on the remote (a conflict). Needs `npm run build`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyStore } from '../support/copy-store';
import { freePort } from '../support/free-port';
import { prng } from '../support/prng';
import { jsonReport, runCli, type CliResult } from '../support/run-cli';
import { startMlflow, startSextant, type RunningServer } from '../support/servers';
import { dumpExperiment, py, type PyAuth } from './sync/mlflow-py';

/** Seeds the random kill moments; SEXTANT_SYNC_SEED=n repeats a run. */
const seed = Number(process.env.SEXTANT_SYNC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const API = 'api/2.0/mlflow';
/** The experiment pushed while being killed: runs × 2 metrics × points, and an artifact of kb KiB per run. */
const BIG = { runs: 8, points: 3000, kb: 256 };

interface Report { state: string; ranIn: string; summary: string; problems: { item: string; message: string }[]; details: unknown }

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

/** Lines a run wrote on stderr, without the store's own log lines ([sextant] checkpoint ...). */
const problemLines = (r: CliResult) => r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('[sextant]'));
const explain = (r: CliResult) => `exit ${r.code} (signal ${r.signal})\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

async function rest<T>(url: string, method: 'GET' | 'POST', path: string, body?: unknown, auth?: PyAuth): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) headers.authorization = 'token' in auth ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const res = await fetch(`${url}/${API}/${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

interface RunJson { info: { run_id: string; run_name: string; lifecycle_stage: string }; data: { tags?: { key: string; value: string }[] } }

/** Every run of an experiment (deleted ones too), with its origin tag. */
async function remoteRuns(url: string, experiment: string, auth?: PyAuth): Promise<{ id: string; name: string; origin: string | undefined; lifecycle: string }[]> {
  const { experiment: exp } = await rest<{ experiment: { experiment_id: string } }>(url, 'GET', `experiments/get-by-name?experiment_name=${encodeURIComponent(experiment)}`, undefined, auth);
  const { runs = [] } = await rest<{ runs?: RunJson[] }>(url, 'POST', 'runs/search', { experiment_ids: [exp.experiment_id], run_view_type: 'ALL', max_results: 1000 }, auth);
  return runs.map((r) => ({ id: r.info.run_id, name: r.info.run_name, origin: r.data.tags?.find((t) => t.key === 'sextant.origin.run_id')?.value, lifecycle: r.info.lifecycle_stage }));
}

/** Dumps an experiment of a store no process holds, through a `sextant serve` started for the purpose. */
async function dumpStore(store: string, experiment: string) {
  const serve = await startSextant({ dataDir: store });
  try {
    return await dumpExperiment(serve.url, experiment);
  } finally {
    await serve.stop({ keepData: true });
  }
}

describe('sextant push / remote / sync status from the command line', () => {
  let mlflow: RunningServer;
  /** A store with the seeded experiments, held by nobody; each test works on its own copy. */
  let template: string;
  const storeCopy = () => {
    const store = join(tempDir('sextant-cli-store-'), 'store');
    copyStore(template, store);
    return store;
  };

  beforeAll(async () => {
    const [server, seeding] = await Promise.all([startMlflow(), startSextant()]);
    mlflow = server;
    try {
      await Promise.all([
        py('seed_big.py', seeding.url, ['killed', String(BIG.runs), String(BIG.points), String(BIG.kb)]),
        ...['sweep', 'alone', 'served', 'conflict'].map((name) => py('seed_sweep.py', seeding.url, [name])),
      ]);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- sextant serve ---\n${seeding.output().slice(-3000)}`, { cause: err });
    } finally {
      await seeding.stop({ keepData: true });
    }
    template = seeding.dataDir;
    dirs.push(template);
  }, 240_000);

  afterAll(async () => {
    await mlflow?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  // These two mostly wait (on the pushing process, on retries), so they run side by side.
  it.concurrent(`pushes exactly once when the pushing process is SIGKILLed at random moments (seed ${seed})`, async ({ expect }) => {
    const store = storeCopy();
    const random = prng(seed);
    const args = ['push', mlflow.url, '--store', store, '--experiment', 'killed', '--json'];
    const outcomes: string[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const killAfterMs = Math.round(300 + random() * 2500);
        const r = await runCli(args, { killAfterMs });
        outcomes.push(r.killed ? `killed after ${killAfterMs} ms` : `ended by itself (exit ${r.code}) before ${killAfterMs} ms`);
        if (!r.killed) expect(r.code, explain(r)).toBe(0);
      }
      expect(outcomes.some((o) => o.startsWith('killed')), outcomes.join('; ')).toBe(true);
      const last = await runCli(args);
      expect(last.code, explain(last)).toBe(0);
      expect(jsonReport<Report>(last).problems).toEqual([]);

      const again = await runCli(args);
      expect(again.code, explain(again)).toBe(0);
      expect(jsonReport<Report>(again).details).toMatchObject({ created: 0, updated: 0, unchanged: BIG.runs, conflicts: 0, points: 0, artifacts: 0, bytes: 0 });

      const runs = await remoteRuns(mlflow.url, 'killed');
      expect(runs).toHaveLength(BIG.runs); // no duplicate runs
      expect(new Set(runs.map((r) => r.origin)).size).toBe(BIG.runs);
      const [here, there] = [await dumpStore(store, 'killed'), await dumpExperiment(mlflow.url, 'killed')];
      expect(Object.keys(here.runs)).toHaveLength(BIG.runs);
      expect(there).toEqual(here);
    } catch (err) {
      const e = err as Error;
      e.message = `seed ${seed} (repeat with SEXTANT_SYNC_SEED=${seed}); attempts: ${outcomes.join('; ')}\n${e.message}`;
      throw e;
    }
  }, 300_000);

  it.concurrent('says once that a remote which is down cannot be reached, exits non-zero and changes nothing here', async ({ expect }) => {
    const closed = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const named = storeCopy();
    const byUrl = storeCopy();
    const addDown = await runCli(['remote', 'add', 'down', closed, '--store', named]);
    expect(addDown.code, explain(addDown)).toBe(0);
    const state = async (store: string) => {
      const [status, list] = [await runCli(['sync', 'status', '--store', store, '--json']), await runCli(['remote', 'list', '--store', store, '--json'])];
      expect(status.code, explain(status)).toBe(0);
      expect(list.code, explain(list)).toBe(0);
      return { status: jsonReport<Report>(status).details, remotes: jsonReport<Report>(list).details };
    };
    const before = { named: await state(named), byUrl: await state(byUrl) };
    expect(before.byUrl.remotes).toEqual([]);

    const [viaName, viaUrl] = await Promise.all([runCli(['push', 'down', '--store', named]), runCli(['push', closed, '--store', byUrl])]);
    for (const r of [viaName, viaUrl]) {
      expect(r.code, explain(r)).not.toBe(0);
      expect(r.code, explain(r)).not.toBeNull();
      const lines = problemLines(r);
      expect(lines, explain(r)).toHaveLength(1);
      expect(lines[0]).toMatch(/connection refused/);
      expect(lines[0]).toContain(closed.replace('http://', ''));
      expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
      expect(r.stdout).toMatch(/the remote cannot be reached/);
    }
    expect(await state(named)).toEqual(before.named);
    expect(await state(byUrl)).toEqual(before.byUrl); // the URL was not added as a remote
  }, 300_000);

  it('hands the push to the `sextant serve` holding the store, and runs it in the command itself when none does', async () => {
    const held = storeCopy();
    const serve = await startSextant({ dataDir: held });
    try {
      const r = await runCli(['push', mlflow.url, '--store', held, '--experiment', 'served', '--json']);
      expect(r.code, explain(r)).toBe(0);
      const report = jsonReport<Report>(r);
      expect(report.ranIn).toBe(`handed to process ${serve.process.pid} (sextant serve)`);
      expect(report.details).toMatchObject({ created: 4, conflicts: 0 });
    } finally {
      await serve.stop({ keepData: true });
    }
    const alone = storeCopy();
    const r = await runCli(['push', mlflow.url, '--store', alone, '--experiment', 'alone', '--json']);
    expect(r.code, explain(r)).toBe(0);
    const report = jsonReport<Report>(r);
    expect(report.ranIn).toBe('in this process');
    expect(report.details).toMatchObject({ created: 4, conflicts: 0 });
  }, 180_000);

  it('pushes to a second `sextant serve` behind a token, read from the variable the remote names; a wrong token is refused', async () => {
    const token = 'peer-secret-4c1d';
    const peer = await startSextant({ env: { SEXTANT_TOKEN: token } });
    try {
      const store = storeCopy();
      const add = await runCli(['remote', 'add', 'peer', peer.url, '--token-env', 'PEER_TOKEN', '--store', store]);
      expect(add.code, explain(add)).toBe(0);

      const refused = await runCli(['push', 'peer', '--store', store, '--experiment', 'sweep'], { env: { PEER_TOKEN: 'not-the-token' } });
      expect(refused.code, explain(refused)).not.toBe(0);
      expect(refused.code).not.toBeNull();
      expect(problemLines(refused).some((l) => /authentication failed .*HTTP 401.*check the user name and password or the token/.test(l)), explain(refused)).toBe(true);
      expect(refused.stderr).not.toMatch(/^\s+at /m);
      expect(refused.stderr + refused.stdout).not.toContain('not-the-token');

      const ok = await runCli(['push', 'peer', '--store', store, '--experiment', 'sweep', '--json'], { env: { PEER_TOKEN: token } });
      expect(ok.code, explain(ok)).toBe(0);
      expect(jsonReport<Report>(ok).details).toMatchObject({ created: 4, conflicts: 0 });
      const there = await dumpExperiment(peer.url, 'sweep', { token });
      expect(Object.keys(there.runs)).toHaveLength(4);
      expect(there).toEqual(await dumpStore(store, 'sweep'));
    } finally {
      await peer.stop();
    }
  }, 180_000);

  // `mlflow server --app-name basic-auth` needs Flask-WTF (mlflow[auth]), pinned in the 3.x lock for this test.
  it('pushes to `mlflow server --app-name basic-auth` with a user name and a password from the environment', async () => {
    const dataDir = tempDir('mlflow-basic-auth-');
    const ini = join(dataDir, 'basic_auth.ini');
    // MLflow 3.17 refuses to start with the old default admin password (password1234).
    const password = 'sync-cli-admin-7f3e';
    writeFileSync(ini, `[mlflow]\ndefault_permission = READ\ndatabase_uri = sqlite:///${join(dataDir, 'basic_auth.db')}\nadmin_username = admin\nadmin_password = ${password}\nauthorization_function = mlflow.server.auth:authenticate_request_basic_auth\n`);
    const secured = await startMlflow({ dataDir, extraArgs: ['--app-name', 'basic-auth'], env: { MLFLOW_AUTH_CONFIG_PATH: ini, MLFLOW_FLASK_SERVER_SECRET_KEY: 'sync-cli-test' } });
    try {
      const store = storeCopy();
      const add = await runCli(['remote', 'add', 'team', secured.url, '--username', 'admin', '--password-env', 'TEAM_PASSWORD', '--store', store]);
      expect(add.code, explain(add)).toBe(0);
      const ok = await runCli(['push', 'team', '--store', store, '--experiment', 'sweep', '--json'], { env: { TEAM_PASSWORD: password } });
      expect(ok.code, explain(ok)).toBe(0);
      const auth = { username: 'admin', password };
      const there = await dumpExperiment(secured.url, 'sweep', auth);
      expect(Object.keys(there.runs)).toHaveLength(4);
      expect(there).toEqual(await dumpStore(store, 'sweep'));
    } finally {
      await secured.stop();
    }
  }, 240_000);

  it('reports a run deleted on the remote as a conflict with what to do, and still pushes the other runs', async () => {
    const store = storeCopy();
    const first = await runCli(['push', mlflow.url, '--store', store, '--experiment', 'conflict', '--json']);
    expect(first.code, explain(first)).toBe(0);

    const remote = await remoteRuns(mlflow.url, 'conflict');
    const gone = remote.find((r) => r.name === 'trial-0');
    const kept = remote.find((r) => r.name === 'parent');
    expect(gone?.origin).toBeDefined();
    expect(kept?.origin).toBeDefined();
    await rest(mlflow.url, 'POST', 'runs/delete', { run_id: gone!.id });

    const serve = await startSextant({ dataDir: store });
    try {
      for (const runId of [gone!.origin!, kept!.origin!]) {
        await rest(serve.url, 'POST', 'runs/log-batch', { run_id: runId, metrics: [{ key: 'after', value: 1.5, timestamp: 1_700_000_900_000, step: 0 }] });
      }
      const r = await runCli(['push', mlflow.url, '--store', store, '--experiment', 'conflict', '--json']);
      expect(r.code, explain(r)).toBe(1);
      const report = jsonReport<Report>(r);
      expect(report.details).toMatchObject({ created: 0, updated: 1, conflicts: 1 });
      const lines = problemLines(r);
      expect(lines, explain(r)).toHaveLength(1);
      expect(lines[0]).toContain(`run 'trial-0' (${gone!.origin})`);
      expect(lines[0]).toMatch(/was deleted on the remote; restore it there \(mlflow runs restore\) or delete the run here, then push again/);
      expect(r.stderr).not.toMatch(/^\s+at /m);

      const [here, there] = [await dumpExperiment(serve.url, 'conflict'), await dumpExperiment(mlflow.url, 'conflict')];
      expect(there.runs[gone!.origin!]?.lifecycle).toBe('deleted'); // not restored, nothing overwritten
      const { [gone!.origin!]: _local, ...others } = here.runs;
      const { [gone!.origin!]: _remote, ...pushed } = there.runs;
      expect(pushed).toEqual(others);
      expect(Object.keys(pushed)).toContain(kept!.origin);
    } finally {
      await serve.stop({ keepData: true });
    }
  }, 180_000);
});
