// `sextant run` end to end: a fixture project (a git repository made here) run by the built CLI
// with the venv's Python, and by the real `mlflow run` against a real `mlflow server`: Sextant
// records at least the params and mlflow.* tags MLflow does. Typed-parameter refusal, a failing
// and a cancelled entry point, shell metacharacters reaching the program literally, a small
// virtualenv, and the hand-over to a running `sextant serve`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../../shared/domain/tracking';
import { artifactsOf, resolveArtifactPath, runArtifactRoot } from '../../../electron/services/artifacts-service';
import { getRun } from '../../../electron/services/runs-service';
import { searchRuns } from '../../../electron/services/search-service';
import { openTestStore } from '../../support/open-test-store';
import { sextantBin, venvBin, venvDir } from '../../support/paths';
import { jsonReport, runCli, type CliResult } from '../../support/run-cli';
import { startMlflow, startSextant, type RunningServer } from '../../support/servers';
import { makeFixtureProject, markedJson } from './project-fixture';

const python = venvBin('python');
const explain = (r: CliResult) => `exit ${r.code} (signal ${r.signal})\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
const tagMap = (run: Run) => Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]));
const paramMap = (run: Run) => Object.fromEntries((run.data.params ?? []).map((p) => [p.key, p.value]));

interface Report {
  state: string;
  ranIn: string;
  problems: { item: string; message: string }[];
  details?: { runId: string; experimentId: string; status: string; exitCode: number | null };
}

let root: string;
let project: { dir: string; commit: string };
const envCache = () => join(root, 'env-cache');
const cli = (args: string[], extra: { env?: Record<string, string> } = {}) =>
  runCli(args, { cwd: root, timeoutMs: 120_000, env: { SEXTANT_ENV_CACHE: envCache(), ...extra.env } });

/** Opens the store (no process holds it now) and reads a run and its project-output.log. */
async function readRun(storeDir: string, runId: string): Promise<{ run: Run; log: string }> {
  const t = await openTestStore(storeDir);
  try {
    const run = getRun(t.svc, runId);
    const ref = resolveArtifactPath(t.svc, `${runArtifactRoot(t.svc, runId)}/project-output.log`);
    const parts: Buffer[] = [];
    for await (const p of (await artifactsOf(t.svc).open(ref)).stream) parts.push(p as Buffer);
    return { run, log: Buffer.concat(parts).toString('utf8') };
  } finally {
    await t.store.close();
  }
}

async function onlyRunId(storeDir: string): Promise<string> {
  const t = await openTestStore(storeDir);
  try {
    const runs = searchRuns(t.svc, { experimentIds: ['0'], orderBy: [], viewType: 'ALL' }).items;
    expect(runs).toHaveLength(1);
    return runs[0]!.info.run_id;
  } finally {
    await t.store.close();
  }
}

async function readRunStatus(storeDir: string, runId: string): Promise<string> {
  const t = await openTestStore(storeDir);
  try {
    return getRun(t.svc, runId).info.status;
  } finally {
    await t.store.close();
  }
}

async function countRuns(storeDir: string): Promise<number> {
  const t = await openTestStore(storeDir);
  try {
    return searchRuns(t.svc, { experimentIds: ['0'], orderBy: [], viewType: 'ALL' }).items.length;
  } finally {
    await t.store.close();
  }
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'sextant-projects-')));
  project = makeFixtureProject(join(root, 'fixture'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sextant run', () => {
  let mlflow: RunningServer;
  beforeAll(async () => {
    mlflow = await startMlflow();
  }, 180_000);
  afterAll(async () => {
    await mlflow?.stop();
  });

  it('records the params and mlflow.* tags the real `mlflow run` records, runs the command attached to the run, and passes -P values literally', async () => {
    const label = `two words; echo INJECTED $(id) \`id\` "dq" 'sq' | cat > /tmp/x && $HOME \\ end`;
    const store = join(root, 'store-main');
    const r = await cli(['run', 'fixture', '--store', store, '-P', 'alpha=0.7', '-P', `label=${label}`, '-P', 'extra=x y', '--env-manager', 'local', '--python', python, '--experiment', 'proj', '--json']);
    expect(r.code, explain(r)).toBe(0);
    const report = jsonReport<Report>(r);
    expect(report).toMatchObject({ state: 'succeeded', ranIn: 'in this process', details: { status: 'FINISHED', exitCode: 0 } });
    const runId = report.details!.runId;
    // the program's output (stderr with --json): argv exactly as given, attached to the run Sextant created
    expect(markedJson<string[]>(r.stderr, 'ARGV')).toEqual(['--alpha', '0.7', '--label', label, '--data', join(project.dir, 'data.csv'), '--extra', 'x y']);
    expect(r.stderr).not.toMatch(/^INJECTED/m); // the shell ran none of it
    expect(markedJson<Record<string, string>>(r.stderr, 'ENV')).toEqual({ MLFLOW_RUN_ID: runId, MLFLOW_EXPERIMENT_ID: report.details!.experimentId });
    expect(r.stderr).toContain(`ATTACHED ${runId}`);

    const { run, log } = await readRun(store, runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.metrics?.map((m) => [m.key, m.value])).toEqual([['accuracy', 0.875]]);
    expect(paramMap(run)).toEqual({ alpha: '0.7', label, data: 'data.csv', extra: 'x y' });
    const tags = tagMap(run);
    expect(tags).toMatchObject({
      'mlflow.source.type': 'PROJECT',
      'mlflow.source.name': `file://${project.dir}`,
      'mlflow.source.git.commit': project.commit,
      'mlflow.project.entryPoint': 'main',
      'mlflow.project.backend': 'local',
      'mlflow.project.env': 'local',
    });
    expect(log).toContain(`ATTACHED ${runId}`);
    expect(log).toContain('done on stderr');

    // the same project by the real `mlflow run`, against a real server
    const env = { ...process.env, MLFLOW_TRACKING_URI: mlflow.url, PATH: `${join(venvDir, 'bin')}:${process.env.PATH}` };
    // (from the project folder: MLflow resolves a path parameter's default against the caller's folder)
    execFileSync(venvBin('mlflow'), ['run', '.', '-P', 'alpha=0.7', '-P', 'label=plain', '-P', 'extra=x', '--env-manager', 'local', '--experiment-name', 'proj'], { cwd: project.dir, env, stdio: 'pipe', timeout: 120_000 });
    const exp = (await (await fetch(`${mlflow.url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=proj`)).json()) as { experiment: { experiment_id: string } };
    const found = (await (await fetch(`${mlflow.url}/api/2.0/mlflow/runs/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ experiment_ids: [exp.experiment.experiment_id] }) })).json()) as { runs: Run[] };
    expect(found.runs).toHaveLength(1);
    const theirs = found.runs[0]!;
    expect(theirs.info.status).toBe('FINISHED');
    expect(Object.keys(paramMap(run)).sort()).toEqual(Object.keys(paramMap(theirs)).sort());
    expect(paramMap(run).data).toBe(paramMap(theirs).data);
    const theirTags = tagMap(theirs);
    const mlflowKeys = Object.keys(theirTags).filter((k) => k.startsWith('mlflow.'));
    expect(mlflowKeys.length).toBeGreaterThanOrEqual(7);
    for (const key of mlflowKeys) expect(tags, `tag ${key}`).toHaveProperty([key]);
    for (const key of ['mlflow.source.type', 'mlflow.source.name', 'mlflow.source.git.commit', 'mlflow.project.entryPoint', 'mlflow.project.backend', 'mlflow.user']) {
      expect(tags[key], key).toBe(theirTags[key]);
    }
  }, 240_000);

  it('refuses a float parameter that is not a number, naming it, before any run exists', async () => {
    const store = join(root, 'store-refuse');
    const r = await cli(['run', 'fixture', '--store', store, '-P', 'alpha=lots', '--env-manager', 'local', '--python', python]);
    expect(r.code, explain(r)).toBe(1);
    expect(r.stderr).toMatch(/parameter 'alpha' is a float, and 'lots' is not a number/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await countRuns(store)).toBe(0);
  }, 60_000);

  it('says plainly that conda and docker projects cannot run, with no stack trace', async () => {
    const dir = join(root, 'docker-project');
    makeFixtureProject(dir);
    writeFileSync(join(dir, 'MLproject'), 'name: d\ndocker_env:\n  image: python:3.11\nentry_points:\n  main:\n    command: "python argv.py"\n');
    const r = await cli(['run', dir, '--store', join(root, 'store-docker'), '--env-manager', 'local', '--python', python]);
    expect(r.code, explain(r)).toBe(1);
    expect(r.stderr).toMatch(/Sextant does not run Docker projects/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const conda = await cli(['run', 'fixture', '--store', join(root, 'store-docker'), '--env-manager', 'conda']);
    expect(conda.code, explain(conda)).toBe(2);
    expect(conda.stderr).toMatch(/conda is not available/);
  }, 60_000);

  it('ends a failing entry point FAILED with a non-zero exit, its output kept', async () => {
    const store = join(root, 'store-fail');
    const r = await cli(['run', 'fixture', '-e', 'fail', '--store', store, '--env-manager', 'local', '--python', python, '--json']);
    expect(r.code, explain(r)).toBe(1);
    const report = jsonReport<Report>(r);
    expect(report.details).toMatchObject({ status: 'FAILED', exitCode: 3 });
    expect(report.problems[0]?.message).toMatch(/exit code 3/);
    const { run, log } = await readRun(store, report.details!.runId);
    expect(run.info.status).toBe('FAILED');
    expect(log).toContain('boom on stdout');
    expect(log).toContain('boom on stderr');
  }, 60_000);

  it('Ctrl-C ends the run KILLED and stops its whole process group', async () => {
    const store = join(root, 'store-cancel');
    const { code, stdout, stderr, pids } = await interruptHang(store);
    expect(code, `${stdout}\n${stderr}`).toBe(130);
    for (const pid of pids) expect(alive(pid), `pid ${pid}`).toBe(false);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;
    expect(report.state).toBe('cancelled');
    const { run, log } = await readRun(store, report.details!.runId);
    expect(run.info.status).toBe('KILLED');
    expect(log).toMatch(/PIDS \d+ \d+/);
  }, 90_000);

  it('a run whose sextant was killed outright ends FAILED the next time the store opens', async () => {
    const store = join(root, 'store-killed');
    const { code, pids } = await interruptHang(store, 'SIGKILL');
    expect(code).toBe(null);
    // its watchdog stops the command's group when sextant dies (mlflow run would leave it running)
    for (const pid of pids) await expect.poll(() => alive(pid), { timeout: 30_000, interval: 200 }).toBe(false);
    const runId = await onlyRunId(store);
    expect((await readRunStatus(store, runId))).toBe('RUNNING');
    const next = await cli(['run', 'fixture', '-e', 'argv.py', '--store', store, '--env-manager', 'local', '--python', python]);
    expect(next.code, explain(next)).toBe(0);
    expect(next.stderr).toContain(`project run ${runId} was left RUNNING by a Sextant process that stopped before it ended; marked FAILED`);
    expect(await readRunStatus(store, runId)).toBe('FAILED');
  }, 90_000);

  it('builds a virtualenv from python_env.yaml once and reuses it', async () => {
    const dir = join(root, 'venv-project');
    makeFixtureProject(dir);
    writeFileSync(join(dir, 'python_env.yaml'), 'python: "3"\nbuild_dependencies: []\ndependencies: []\n');
    writeFileSync(join(dir, 'prefix.py'), 'import sys\nprint("PREFIX " + sys.prefix, flush=True)\n');
    const args = ['run', dir, '-e', 'prefix.py', '--store', join(root, 'store-venv'), '--python', python];
    const first = await cli(args);
    expect(first.code, explain(first)).toBe(0);
    const prefix = /PREFIX (.+)/.exec(first.stdout)?.[1];
    expect(prefix?.startsWith(join(envCache(), 'virtualenv-')), explain(first)).toBe(true);
    expect(first.stderr).toMatch(/creating a virtualenv environment/);
    const second = await cli(args);
    expect(second.code, explain(second)).toBe(0);
    expect(/PREFIX (.+)/.exec(second.stdout)?.[1]).toBe(prefix);
    expect(second.stderr).toMatch(/using the cached virtualenv environment/);
  }, 120_000);

  it('hands the run to the sextant serve holding the store, with the output shown here', async () => {
    const server = await startSextant();
    try {
      const r = await cli(['run', `file://${project.dir}`, '--version', 'main', '-e', 'argv.py', '-P', 'k=$(echo hi)', '--store', server.dataDir, '--env-manager', 'local', '--python', python, '--json'], { env: { PROJECT_MARK: 'from the shell that ran sextant run' } });
      expect(r.code, explain(r)).toBe(0);
      const report = jsonReport<Report>(r);
      expect(report.ranIn).toBe(`handed to process ${server.process.pid} (sextant serve)`);
      expect(markedJson<string[]>(r.stderr, 'ARGV')).toEqual(['--k', '$(echo hi)']);
      // the command runs with the environment of the shell that ran `sextant run`, not the server's
      expect(markedJson<string>(r.stderr, 'MARK')).toBe('from the shell that ran sextant run');
      const got = (await (await fetch(`${server.url}/api/2.0/mlflow/runs/get?run_id=${report.details!.runId}`)).json()) as { run: Run };
      expect(got.run.info.status).toBe('FINISHED');
      expect(tagMap(got.run)).toMatchObject({ 'mlflow.source.git.branch': 'main', 'mlflow.source.git.commit': project.commit, 'mlflow.source.git.repoURL': project.dir, 'mlflow.project.entryPoint': 'argv.py' });

      // Ctrl-C on a handed-over run: the holder stops the command's group, the run ends KILLED
      const cancelled = await interruptHang(server.dataDir);
      expect(cancelled.code, `${cancelled.stdout}\n${cancelled.stderr}`).toBe(130);
      for (const pid of cancelled.pids) expect(alive(pid), `pid ${pid}`).toBe(false);
      const killed = JSON.parse(cancelled.stdout.trim().split('\n').at(-1)!) as Report;
      expect(killed).toMatchObject({ state: 'cancelled', ranIn: `handed to process ${server.process.pid} (sextant serve)` });
      const gotKilled = (await (await fetch(`${server.url}/api/2.0/mlflow/runs/get?run_id=${killed.details!.runId}`)).json()) as { run: Run };
      expect(gotKilled.run.info.status).toBe('KILLED');
    } finally {
      await server.stop();
    }
  }, 120_000);
});

/** Runs the fixture's `hang` entry point, Ctrl-C once its process and grandchild are up. */
async function interruptHang(store: string, signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; stdout: string; stderr: string; pids: number[] }> {
  const child = spawn(process.execPath, [sextantBin, 'run', 'fixture', '-e', 'hang', '--store', store, '--env-manager', 'local', '--python', python, '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SEXTANT_ENV_CACHE: envCache() } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const closed = new Promise<number | null>((r) => child.once('close', (c) => r(c)));
  const pids = await new Promise<number[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no PIDS line:\n${stderr}`)), 60_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /PIDS (\d+) (\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve([Number(m[1]), Number(m[2])]);
      }
    });
  });
  for (const pid of pids) expect(alive(pid)).toBe(true);
  child.kill(signal);
  const code = await closed;
  return { code, stdout, stderr, pids };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
