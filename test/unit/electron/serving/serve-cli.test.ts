import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareJobHost } from '../../../../electron/jobs/job-host';
import { JobRunner } from '../../../../electron/jobs/job-runner';
import { openLocalJobs } from '../../../../electron/jobs/local-jobs';
import { serveFromCli } from '../../../../electron/serving/serve-cli';
import { servingJobHandlers } from '../../../../electron/serving/serving-jobs';
import { newKeyFile } from '../../../support/encrypted-store';
import { freePort } from '../../../support/free-port';
import { openTestStore } from '../../../support/open-test-store';
import { venvBin } from '../../../support/paths';
import { useTempDirs } from '../../../support/temp-dir';
import { seedLoggedModel } from './serving-fixtures';

const tempDir = useTempDirs();

function capture() {
  let text = '';
  return { out: { write: (s: string) => (text += s) }, text: () => text };
}

/** A port free now: the command checks it before it opens the store. */
let args: { modelUri: string; host: string; port: number; envManager: 'local' };
beforeAll(async () => {
  args = { modelUri: 'models:/m/1', host: '127.0.0.1', port: await freePort(), envManager: 'local' };
});

describe('serveFromCli', () => {
  it('says there is no store rather than making one', async () => {
    const dir = join(tempDir(), 'none');
    const [out, err] = [capture(), capture()];
    expect(await serveFromCli({ storeDir: dir, args, stdout: out.out, stderr: err.out, onInterrupt: () => () => {} })).toBe(1);
    expect(err.text()).toBe(`sextant models serve: there is no Sextant store at ${dir} (give --store DIR)\n`);
    expect(out.text()).toBe('');
  });

  it('opens an encrypted store with its key file only to resolve the model (and is refused without it)', async () => {
    const root = tempDir();
    const keyFile = newKeyFile(root);
    const dir = join(root, 'store');
    await (await openTestStore(dir, { key: { kind: 'key-file', path: keyFile } })).store.close();
    const [out, err] = [capture(), capture()];
    expect(await serveFromCli({ storeDir: dir, args, key: { kind: 'key-file', path: keyFile }, stdout: out.out, stderr: err.out, onInterrupt: () => () => {}, storeLog: () => {} })).toBe(1);
    expect(err.text()).toBe('sextant models serve: Cannot serve models:/m/1: Registered Model with name=m not found\n');
    const noKey = capture();
    expect(await serveFromCli({ storeDir: dir, args, stdout: out.out, stderr: noKey.out, onInterrupt: () => () => {}, storeLog: () => {} })).toBe(1);
    expect(noKey.text()).toMatch(/^sextant models serve: .*encrypted/);
    // the store was closed again: it opens here
    await (await openTestStore(dir, { key: { kind: 'key-file', path: keyFile } })).store.close();
  });

  it('hands the server to a sextant serve holding the store, and prints why the job failed there', async () => {
    const dir = join(tempDir(), 'store');
    const host = prepareJobHost({ pid: process.pid, kind: 'serve' });
    const t = await openTestStore(dir, { onLockConnection: host.onConnection });
    const runner = new JobRunner({ handlers: servingJobHandlers({ store: t.store, services: t.svc, log: () => {} }), log: () => {} });
    host.attach(runner);
    try {
      const [out, err] = [capture(), capture()];
      expect(await serveFromCli({ storeDir: dir, args, stdout: out.out, stderr: err.out, onInterrupt: () => () => {} })).toBe(1);
      expect(err.text().split('\n')).toEqual([
        `serving in process ${process.pid} (sextant serve), which holds the store`,
        'sextant models serve: Cannot serve models:/m/1: Registered Model with name=m not found',
        '',
      ]);
      expect(runner.list().map((j) => [j.kind, j.state])).toEqual([['model-serve', 'failed']]);
    } finally {
      await runner.close({ cancel: true });
      await t.store.close();
    }
  });

  it('does not hand a server to another command holding the store (it would keep that command running)', async () => {
    const dir = join(tempDir(), 'store');
    await (await openTestStore(dir)).store.close();
    const holder = await openLocalJobs({ storeDir: dir, handlers: servingJobHandlers, log: () => {} });
    try {
      const [out, err] = [capture(), capture()];
      expect(await serveFromCli({ storeDir: dir, args, stdout: out.out, stderr: err.out, onInterrupt: () => () => {} })).toBe(1);
      expect(err.text()).toBe(`sextant models serve: the store is held by process ${process.pid} (another sextant command) for a while; serve again once it has finished (or start sextant serve, which can run both)\n`);
      expect(holder.runner.list().map((j) => [j.kind, j.state])).toEqual([['model-serve', expect.stringMatching(/^(cancelled|failed)$/)]]);
    } finally {
      await holder.close();
    }
  });

  it("serving here, the scoring server inherits neither the store's remote secrets nor MLflow's credentials, and runs in the model's temp folder", async () => {
    const root = tempDir();
    const dir = join(root, 'store');
    const t = await openTestStore(dir);
    const { modelId } = await seedLoggedModel(t, { MLmodel: 'flavors: {}\n' }); // no flavor: the server starts, then fails to load it
    await t.store.commit({ type: 'remote.add', remote: { name: 'team', url: 'https://team.example.com', authKind: 'bearer', username: '', secretEnv: 'TEAM_TOKEN' }, time: Date.now() });
    await t.store.close();
    const records = join(root, 'records');
    mkdirSync(records);
    // a Python that notes how it was run (argv, folder, variables), then runs the venv's Python
    const python = join(root, 'recording-python');
    writeFileSync(python, `#!/bin/sh\nif [ -n "$REC_DIR" ]; then { echo "args: $*"; echo "cwd: $(pwd -P)"; env; } > "$REC_DIR/run-$$.txt"; fi\nexec '${venvBin('python')}' "$@"\n`, { mode: 0o755 });
    vi.stubEnv('REC_DIR', records);
    vi.stubEnv('TEAM_TOKEN', 'secret-of-team');
    vi.stubEnv('MLFLOW_TRACKING_PASSWORD', 'secret-of-mlflow');
    vi.stubEnv('KEEP_ME', 'kept');
    try {
      const [out, err] = [capture(), capture()];
      const code = await serveFromCli({ storeDir: dir, args: { ...args, modelUri: `models:/${modelId}`, python }, stdout: out.out, stderr: err.out, onInterrupt: () => () => {}, storeLog: () => {} });
      expect([code, err.text()]).toEqual([1, expect.stringContaining('sextant models serve: The scoring server exited with status')]);
    } finally {
      vi.unstubAllEnvs();
    }
    const server = readdirSync(records).map((f) => readFileSync(join(records, f), 'utf8')).filter((r) => r.includes(' uvicorn --host 127.0.0.1'));
    expect(server).toHaveLength(1);
    expect(server[0]).toContain('\nKEEP_ME=kept\n');
    expect(server[0]).not.toContain('secret-of-');
    const cwd = /\ncwd: (.*)\n/.exec(server[0]!)![1]!;
    expect(cwd.startsWith(join(realpathSync(tmpdir()), 'sextant-model-'))).toBe(true);
    expect(existsSync(cwd)).toBe(false); // removed at the end, with whatever the server wrote there
  }, 120_000);
});
