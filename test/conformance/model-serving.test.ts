// Model serving (issue 13): a sklearn model logged and registered through the official Python
// client into a Sextant store, served by `sextant models serve`, must answer every input format
// of MLflow's scoring protocol with model.predict's values, refuse bad input with MLflow's error
// JSON and keep serving, and answer exactly as a real `mlflow models serve` of the same model
// folder does (--env-manager local, the project's venv). Also: the hand-over to a running
// `sextant serve` (the job shows the URL, Ctrl-C cancels it and the server stops), the store left
// unlocked while a command serves, and clear errors for a missing model, alias or a taken port.
// Needs `npm run build` and .cache/venv (test/conformance/python-env.mjs).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';
import { repoRoot, sextantBin, venvBin } from '../support/paths';
import { runCli } from '../support/run-cli';
import { startSextant, type RunningServer } from '../support/servers';

const python = venvBin('python');
const quietEnv = { MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: 'true', PYTHONDONTWRITEBYTECODE: '1' };

interface Logged {
  run_id: string;
  model_id: string;
  model_dir: string;
  columns: string[];
  rows: number[][];
  predictions: number[];
}

interface Served {
  url: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts a serving command in its own process group and waits until GET /ping answers 200 (or it exits). */
async function startServing(cmd: string, args: string[], url: string, readyLine?: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(cmd, args, { env: { ...process.env, ...quietEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (done) throw new Error(`${cmd} ${args.join(' ')} exited before it was ready:\n${out}\n${err}`);
    const ok = await fetch(`${url}/ping`).then((r) => r.status === 200, () => false);
    if (ok && (!readyLine || readyLine.test(out))) break;
    if (Date.now() > deadline) throw new Error(`${cmd} not ready at ${url}:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, stdout: () => out, stderr: () => err, exited };
}

/** Stops a serving command: SIGINT (Ctrl-C) to the command only, as a terminal would; SIGKILL to its group if it lingers. */
async function stopServing(s: Served, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  s.child.kill(signal);
  const timer = setTimeout(() => killGroup(s.child), 30_000);
  const code = await s.exited;
  clearTimeout(timer);
  return code;
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // gone
  }
}

/** The temp folder the model was copied to, as the command said. */
function modelFolder(s: Served): string {
  const folder = /model files: \d+ \([^)]*\) in (\S+)/.exec(s.stderr())?.[1];
  if (!folder?.includes('sextant-model-')) throw new Error(`no model folder in the output:\n${s.stderr()}`);
  return folder;
}

/** MLflow prints Python sets, whose order changes from process to process: sorted here. */
const sortSets = (message: string | undefined) => message?.replace(/\{('[^']*'(?:, '[^']*')*)\}/g, (_, items: string) => `{${items.split(', ').sort().join(', ')}}`);

async function post(url: string, body: string, contentType = 'application/json') {
  const res = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: res.status, json };
}

async function get(url: string, path: string) {
  const res = await fetch(`${url}${path}`);
  return { status: res.status, body: await res.text() };
}

describe('sextant models serve', () => {
  let work: string;
  let sextant: RunningServer | null = null;
  let logged: Logged;
  const serving: Served[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'sextant-serving-'));
    sextant = await startSextant({ dataDir: join(work, 'store') });
    const out = join(work, 'logged.json');
    const py = spawn(python, [join(repoRoot, 'test', 'conformance', 'serving', 'log_model.py'), out, join(work, 'download')], {
      env: { ...process.env, ...quietEnv, MLFLOW_TRACKING_URI: sextant.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pyOut = '';
    py.stdout.on('data', (d: Buffer) => (pyOut += d.toString()));
    py.stderr.on('data', (d: Buffer) => (pyOut += d.toString()));
    const code = await new Promise<number | null>((r) => py.once('exit', r));
    if (code !== 0) throw new Error(`log_model.py failed (${code}):\n${pyOut}`);
    logged = JSON.parse(await readFile(out, 'utf8')) as Logged;
  }, 180_000);

  afterAll(async () => {
    for (const s of serving) {
      await stopServing(s);
      killGroup(s.child);
    }
    await sextant?.stop({ keepData: true });
    await rm(work, { recursive: true, force: true });
  });

  it('hands the server to the sextant serve holding the store, which shows the URL; Ctrl-C cancels the job and the server stops', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const s = await startServing(process.execPath, [sextantBin, 'models', 'serve', '-m', 'models:/iris-like@champion', '--store', join(work, 'store'), '--port', String(port), '--python', python], url, /serving models:\/iris-like@champion at /);
    serving.push(s);
    expect(s.stderr()).toContain(`serving in process ${sextant!.process.pid} (sextant serve), which holds the store`);
    expect(s.stdout()).toBe(`serving models:/iris-like@champion at ${url}\n`);
    expect(s.stderr()).toContain(`models:/iris-like@champion is model iris-like version 1`);
    expect(s.stderr()).toMatch(/model files: \d+ \(/);
    const split = JSON.stringify({ dataframe_split: { columns: logged.columns, data: logged.rows } });
    expect(await post(url, split)).toEqual({ status: 200, json: { predictions: logged.predictions } });

    const folder = modelFolder(s);
    expect(existsSync(folder)).toBe(true);
    expect(await stopServing(s)).toBe(0);
    expect(s.stderr()).toContain('stopped the server for models:/iris-like@champion');
    expect(existsSync(folder)).toBe(false);
    expect(await fetch(`${url}/ping`).then(() => 'answered', () => 'down')).toBe('down');
    // the holder goes on serving the store
    expect((await fetch(`${sextant!.url}/health`)).status).toBe(200);
  }, 120_000);

  it('says clearly what is missing, or that the port is taken (no holder: the store is opened, then closed)', async () => {
    await sextant!.stop({ keepData: true });
    sextant = null;
    const store = join(work, 'store');
    const missing = await runCli(['models', 'serve', '-m', 'models:/nope/1', '--store', store, '--python', python]);
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'sextant models serve: Cannot serve models:/nope/1: Registered Model with name=nope not found']);
    const alias = await runCli(['models', 'serve', '-m', 'models:/iris-like@staging', '--store', store, '--python', python]);
    expect([alias.code, alias.stderr.trim()]).toEqual([1, 'sextant models serve: Cannot serve models:/iris-like@staging: Registered model alias staging not found for model iris-like.']);
    const noStore = await runCli(['models', 'serve', '-m', 'models:/iris-like/1', '--store', join(work, 'nothing')]);
    expect([noStore.code, noStore.stderr.trim()]).toEqual([1, `sextant models serve: there is no Sextant store at ${join(work, 'nothing')} (give --store DIR)`]);
    const usage = await runCli(['models', 'serve', '--store', store]);
    expect([usage.code, usage.stderr.split('\n')[0]]).toEqual([2, 'sextant models serve: give the model with -m MODEL_URI']);

    const blocker = createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)));
    try {
      const taken = await runCli(['models', 'serve', '-m', 'models:/iris-like/1', '--store', store, '--port', String(port), '--python', python]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(`sextant models serve: Port ${port} on 127.0.0.1 is taken by another program: choose another port, or stop what listens there.`);
    } finally {
      blocker.close();
    }
  }, 120_000);

  describe('the same answers as mlflow models serve', () => {
    let ours: Served;
    let theirs: Served;
    beforeAll(async () => {
      const [p1, p2] = [await freePort(), await freePort()];
      [ours, theirs] = await Promise.all([
        startServing(process.execPath, [sextantBin, 'models', 'serve', '-m', `runs:/${logged.run_id}/model`, '--store', join(work, 'store'), '--port', String(p1), '--python', python], `http://127.0.0.1:${p1}`, /serving runs:/),
        startServing(venvBin('mlflow'), ['models', 'serve', '-m', logged.model_dir, '--env-manager', 'local', '-h', '127.0.0.1', '-p', String(p2)], `http://127.0.0.1:${p2}`, undefined, {
          PATH: `${dirname(venvBin('python'))}:${process.env.PATH ?? ''}`, // it runs `uvicorn` from PATH
        }),
      ]);
      serving.push(ours, theirs);
    }, 180_000);

    const records = () => logged.rows.map((r) => Object.fromEntries(logged.columns.map((c, i) => [c, r[i]])));
    const columnar = () => Object.fromEntries(logged.columns.map((c, i) => [c, logged.rows.map((r) => r[i])]));
    const csv = () => `${logged.columns.join(',')}\n${logged.rows.map((r) => r.join(',')).join('\n')}\n`;

    it('predicts what model.predict does, for every input format, as mlflow does', async () => {
      const requests: [string, string, string][] = [
        ['dataframe_split', JSON.stringify({ dataframe_split: { columns: logged.columns, data: logged.rows } }), 'application/json'],
        ['dataframe_records', JSON.stringify({ dataframe_records: records() }), 'application/json'],
        ['instances', JSON.stringify({ instances: records() }), 'application/json'],
        ['inputs', JSON.stringify({ inputs: records() }), 'application/json'],
        ['inputs (columns)', JSON.stringify({ inputs: columnar() }), 'application/json'],
        ['csv', csv(), 'text/csv'],
      ];
      for (const [label, body, type] of requests) {
        const [a, b] = await Promise.all([post(ours.url, body, type), post(theirs.url, body, type)]);
        expect({ label, ...a }).toEqual({ label, status: 200, json: { predictions: logged.predictions } });
        expect({ label, ...b }).toEqual({ label, ...a });
      }
    }, 60_000);

    it('answers bad input with a 4xx and MLflow error JSON, the same as mlflow, and keeps serving', async () => {
      // [label, body, content type, whether MLflow answers its error JSON]
      const bad: [string, string, string, boolean][] = [
        ['malformed JSON', '{"dataframe_split": [', 'application/json', true],
        ['wrong shape', JSON.stringify({ dataframe_split: { columns: ['a', 'b'], data: [[1, 2]] } }), 'application/json', true],
        ['unknown format', JSON.stringify({ rows: [[1, 2, 3, 4]] }), 'application/json', true],
        ['unsupported content type', 'a=1', 'text/plain', false],
      ];
      const shape = (r: Awaited<ReturnType<typeof post>>) =>
        typeof r.json === 'object' && r.json !== null
          ? { status: r.status, error_code: (r.json as { error_code?: string }).error_code, message: sortSets((r.json as { message?: string }).message) }
          : { status: r.status, text: r.json };
      for (const [label, body, type, errorJson] of bad) {
        const [a, b] = await Promise.all([post(ours.url, body, type), post(theirs.url, body, type)]);
        expect({ label, fourxx: a.status >= 400 && a.status < 500 }).toEqual({ label, fourxx: true });
        if (errorJson) expect({ label, ...shape(a) }).toMatchObject({ label, error_code: expect.any(String), message: expect.any(String) });
        expect({ label, ...shape(b) }).toEqual({ label, ...shape(a) });
      }
      expect((await post(ours.url, JSON.stringify({ dataframe_split: { columns: logged.columns, data: logged.rows } }))).json).toEqual({ predictions: logged.predictions });
    }, 60_000);

    it('answers /ping, /health and /version as mlflow does', async () => {
      for (const path of ['/ping', '/health', '/version']) {
        const [a, b] = await Promise.all([get(ours.url, path), get(theirs.url, path)]);
        expect({ path, ...a }).toEqual({ path, ...b });
        expect(a.status).toBe(200);
      }
      expect((await get(ours.url, '/version')).body).toBe('3.17.2');
    });

    it('does not keep the store locked while it serves, and removes the model files when stopped', async () => {
      const holder = await startSextant({ dataDir: join(work, 'store') });
      await holder.stop({ keepData: true });
      const folder = modelFolder(ours);
      expect(existsSync(folder)).toBe(true);
      expect(await stopServing(ours)).toBe(0);
      expect(ours.stderr()).toContain('server stopped');
      expect(existsSync(folder)).toBe(false);
      expect(await fetch(`${ours.url}/ping`).then(() => 'answered', () => 'down')).toBe('down');
    }, 60_000);
  });
});
