// Issue 12, "Secrets": remotes' passwords and tokens entered in the app are sealed in the store
// when it is encrypted, else kept by the OS keychain (ciphertext in settings.json), or named by an
// environment variable; after adding, editing, testing, pushing and removing remotes through the
// contract's handlers as the app does, no file under the store or the user data folder, no
// exported bundle, no log line and no job view holds one in clear (nor base64, hex, UTF-16, ...).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptSecretsFile } from '../../../electron/app/kept-secrets-file';
import { syncHandlers } from '../../../electron/ipc/handlers/sync-handlers';
import { JobsFeed } from '../../../electron/ipc/jobs-feed';
import { JobRunner } from '../../../electron/jobs/job-runner';
import { remoteSecretReader } from '../../../electron/secrets/remote-secret-reader';
import { createRun } from '../../../electron/services/runs-service';
import { logToRun } from '../../../electron/services/logging-service';
import { exportBundle } from '../../../electron/sync/bundle/export-bundle';
import { syncJobHandlers } from '../../../electron/sync/sync-jobs';
import type { EventMessage } from '../../../shared/ipc/contract';
import { keyFileSource, newKeyFile } from '../../support/encrypted-store';
import { openTestStore } from '../../support/open-test-store';
import { useTempDirs } from '../../support/temp-dir';
import { fakeKeychain, secretLeaks, settingsJsonFile, textLeaks, type Secret } from './secret-fixture';

const tempDir = useTempDirs();
const ipc = { transport: 'ipc' as const };

const TEAM_PW: Secret = { value: 'pw-Team-7Hq2xVb9', username: 'ana' };
const CI_TOKEN_OLD: Secret = { value: 'tok-CiOld-3Mz8Lw' };
const CI_TOKEN: Secret = { value: 'tok-CiNew-9Rt4Yp' };
const ENV_PW: Secret = { value: 'pw-FromEnv-5Kd1Qs', username: 'bob' };
const GONE_PW: Secret = { value: 'pw-Gone-2Nx6Fj', username: 'eve' };
const ALL = [TEAM_PW, CI_TOKEN_OLD, CI_TOKEN, ENV_PW, GONE_PW];
const ENV_NAME = 'SEXTANT_TEST_ECHO_PASSWORD';

/** A remote that refuses everything and echoes the request's Authorization header in its error (as a careless proxy might). */
let echo: Server;
let echoUrl = '';
beforeAll(async () => {
  echo = createServer((req, res) => {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error_code: 'PERMISSION_DENIED', message: `denied for ${req.headers.authorization ?? 'nobody'}` }));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  process.env[ENV_NAME] = ENV_PW.value;
});
afterAll(async () => {
  delete process.env[ENV_NAME];
  await new Promise((resolve) => echo.close(resolve));
});

describe.each([
  { kind: 'plain', encrypted: false },
  { kind: 'encrypted', encrypted: true },
])('remote secrets entered in the app, $kind store', ({ encrypted }) => {
  it('no file under the store or the user data folder, no bundle, log line or job view holds a password or token', async () => {
    const dir = tempDir();
    const storeDir = join(dir, 'store');
    const userData = join(dir, 'userData');
    const key = encrypted ? keyFileSource(newKeyFile(dir)) : undefined;
    const settings = settingsJsonFile(userData);
    const keychain = fakeKeychain();
    const kept = keptSecretsFile(settings, keychain, 'linux');
    const t = await openTestStore(storeDir, key ? { key } : {});
    const events: EventMessage[] = [];
    const jobs = new JobRunner({ handlers: syncJobHandlers({ store: t.store, services: t.svc, log: (m) => t.logs.push(m) }, remoteSecretReader(t.store, kept)), log: (m) => t.logs.push(m) });
    const feed = new JobsFeed(jobs, (m) => events.push(m), 10);
    const h = syncHandlers(t.svc, { jobs, feed, secrets: kept });

    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    await logToRun(t.svc, { runId, metrics: null, params: [{ key: 'lr', value: '0.1' }], tags: [] });
    await h['remotes.add']({ name: 'team', url: echoUrl, auth: { kind: 'basic', username: 'ana' }, secret: { from: 'kept', value: TEAM_PW.value } }, ipc);
    await h['remotes.add']({ name: 'ci', url: 'https://ci.example.com', auth: { kind: 'bearer' }, secret: { from: 'kept', value: CI_TOKEN_OLD.value } }, ipc);
    await h['remotes.update']({ name: 'ci', url: 'https://ci.example.com/mlflow', auth: { kind: 'bearer' }, secret: { from: 'kept', value: CI_TOKEN.value } }, ipc);
    await h['remotes.add']({ name: 'headless', url: echoUrl, auth: { kind: 'basic', username: 'bob' }, secret: { from: 'env', name: ENV_NAME } }, ipc);
    await h['remotes.add']({ name: 'gone', url: 'https://gone.example.com', auth: { kind: 'basic', username: 'eve' }, secret: { from: 'kept', value: GONE_PW.value } }, ipc);
    await h['remotes.remove']({ name: 'gone' }, ipc);

    // what the Remotes page shows: where each secret is, never the secret
    const list = await h['remotes.list']({}, ipc);
    expect(list.map((r) => [r.name, r.secret])).toEqual([
      ['ci', { from: 'kept', present: true }],
      ['headless', { from: 'env', name: ENV_NAME }],
      ['team', { from: 'kept', present: true }],
    ]);
    expect(textLeaks(JSON.stringify(list), ALL)).toEqual([]);

    // "Test connection" against a remote that echoes the Authorization header: the answer is scrubbed
    for (const name of ['team', 'headless']) {
      const tested = await h['remotes.test']({ name }, ipc);
      expect(tested.ok).toBe(false);
      expect(!tested.ok && tested.error).toMatch(/HTTP 403/);
      expect(textLeaks(JSON.stringify(tested), ALL), name).toEqual([]);
    }
    const typed = await h['remotes.test']({ url: echoUrl, auth: { kind: 'bearer' }, secret: { from: 'kept', value: CI_TOKEN.value } }, ipc);
    expect(!typed.ok && typed.error).toMatch(/denied for \*{8}/);

    // a push that cannot reach its remote fails with a job view that names the remote, not its secret
    const job = await h['jobs.start']({ kind: 'push', remote: 'ci', runIds: [runId] }, ipc);
    await expect.poll(() => jobs.get(job.id)?.state).toBe('failed');
    expect(textLeaks(JSON.stringify([jobs.list(), events, await h['jobs.list']({}, ipc)]), ALL)).toEqual([]);

    // an exported bundle (plaintext: no passphrase) carries runs, never remotes or their secrets
    const bundle = join(dir, 'out', 'all.sxb');
    mkdirSync(join(dir, 'out'));
    await exportBundle({ svc: t.svc, out: bundle, experiments: ['Default'], models: [] });
    expect(secretLeaks([join(dir, 'out')], ALL)).toEqual([]);

    await jobs.close({ cancel: true });
    feed.close();
    await t.store.close();
    expect(textLeaks(t.logs.join('\n'), ALL)).toEqual([]);
    expect(secretLeaks([storeDir, userData], ALL)).toEqual([]);

    // ...and the secrets were really kept: where the issue wants them, and they open again
    const keptInSettings = Object.keys(settings.get().keptSecrets ?? {});
    expect(keptInSettings).toEqual(encrypted ? [] : ['team', 'ci']);
    const again = await openTestStore(storeDir, key ? { key } : {});
    const appAgain = keptSecretsFile(settingsJsonFile(userData), keychain, 'linux');
    const read = remoteSecretReader(again.store, appAgain);
    expect([read('team'), read('ci'), read('gone')]).toEqual([TEAM_PW.value, CI_TOKEN.value, undefined]);
    await again.store.close();
  });
});

describe('a push to a remote that echoes the Authorization header in its errors', () => {
  // The remote's error text would reach the push's job view (and the CLI's output) with the Basic
  // header in it: electron/sync/remote-http.ts scrubs the remote's secret from error bodies.
  it('shows the job failed with the secret masked', async () => {
    const dir = tempDir();
    const settings = settingsJsonFile(join(dir, 'userData'));
    const kept = keptSecretsFile(settings, fakeKeychain(), 'linux');
    const t = await openTestStore(join(dir, 'store'));
    const events: EventMessage[] = [];
    const jobs = new JobRunner({ handlers: syncJobHandlers({ store: t.store, services: t.svc, log: () => {} }, remoteSecretReader(t.store, kept)), log: () => {} });
    const feed = new JobsFeed(jobs, (m) => events.push(m), 10);
    const h = syncHandlers(t.svc, { jobs, feed, secrets: kept });
    try {
      const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
      await h['remotes.add']({ name: 'team', url: echoUrl, auth: { kind: 'basic', username: 'ana' }, secret: { from: 'kept', value: TEAM_PW.value } }, ipc);
      const job = await h['jobs.start']({ kind: 'push', remote: 'team', runIds: [runId] }, ipc);
      await expect.poll(() => jobs.get(job.id)?.state).toBe('failed');
      expect(JSON.stringify(jobs.get(job.id)?.outcome)).toMatch(/GET \/version: permission denied by .* \(HTTP 403\): denied for /);
      expect(textLeaks(JSON.stringify([jobs.list(), events]), [TEAM_PW])).toEqual([]);
    } finally {
      await jobs.close({ cancel: true });
      feed.close();
      await t.store.close();
    }
  });
});

describe('the scan itself', () => {
  it('finds a secret written in clear, as base64, as hex, in UTF-16 or inside a Basic header', () => {
    const dir = tempDir();
    const s = TEAM_PW.value;
    writeFileSync(join(dir, 'clear'), `x${s}x`);
    writeFileSync(join(dir, 'b64'), Buffer.from(s).toString('base64'));
    writeFileSync(join(dir, 'hex'), Buffer.from(s).toString('hex'));
    writeFileSync(join(dir, 'utf16'), Buffer.from(s, 'utf16le'));
    writeFileSync(join(dir, 'header'), `Authorization: Basic ${Buffer.from(`ana:${s}`).toString('base64')}`);
    writeFileSync(join(dir, 'other'), 'nothing to see');
    const found = secretLeaks([dir], [TEAM_PW]).map((l) => l.slice(dir.length + 1));
    expect(found).toEqual(expect.arrayContaining(['clear (utf8 of a secret)', 'b64 (base64 of a secret)', 'hex (hex of a secret)', 'utf16 (utf16le of a secret)', 'header (basic header of a secret)']));
    expect(found.some((f) => f.startsWith('other'))).toBe(false);
  });
});
