import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcResult } from '../../../../shared/ipc/contract';
import type { StoreStatus } from '../../../../shared/ipc/store-types';
import { dispatch } from '../../../../electron/ipc/dispatch';
import { openTracking, type RunningTracking, type TrackingOptions } from '../../../../electron/open-tracking';
import type { KekSource } from '../../../../electron/store/crypto/keys';
import { fingerprintStore, seedStore } from '../../../support/convert-fixture';
import { useTempDirs } from '../../../support/temp-dir';
import { fakeKeychain } from '../store/crypto/keys/fixtures';

const tempDir = useTempDirs();
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple 42';
const passphraseKey = (passphrase = PASSPHRASE): KekSource => ({ kind: 'passphrase', passphrase, scrypt: CHEAP_SCRYPT });

let running: RunningTracking[] = [];
afterEach(async () => {
  for (const t of running) await t.close();
  running = [];
});

interface Opened {
  tracking: RunningTracking;
  statuses: StoreStatus[];
  logs: string[];
  call(method: string, input?: unknown): Promise<RpcResult>;
  /** POST /rpc/<method> with the UI token, as browser mode does. */
  rpc(method: string, input?: unknown): Promise<RpcResult>;
  rest(path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

async function open(dir: string, opts: Partial<TrackingOptions> = {}): Promise<Opened> {
  const logs: string[] = [];
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  const tracking = await openTracking({ storeDir: dir, host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test', rendererDir, scrypt: CHEAP_SCRYPT, ...opts });
  running.push(tracking);
  const statuses: StoreStatus[] = [];
  tracking.bus.subscribe((msg) => {
    if (msg.event === 'store.changed') statuses.push(msg.payload.status);
  });
  const token = new URL(tracking.uiUrl!).hash.replace('#token=', '');
  return {
    tracking,
    statuses,
    logs,
    call: (method, input = {}) => dispatch(tracking.handlers, method, input, { transport: 'ipc' }, (m) => logs.push(m)),
    rpc: async (method, input = {}) => {
      const res = await fetch(`${tracking.server.url}/rpc/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return (await res.json()) as RpcResult;
    },
    rest: async (path, body) => {
      const res = await fetch(`${tracking.server.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    },
  };
}

const value = <T>(r: RpcResult): T => {
  if (!r.ok) throw new Error(`call failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')) as { format: number; encryption?: { keyKind: string } };

describe('store session: the desktop app', () => {
  it('creates a new store encrypted with the OS keychain, and opens it with that keychain again', async () => {
    const dir = join(tempDir(), 'store');
    const keychain = fakeKeychain();
    const first = await open(dir, { jobs: { holder: 'app' }, keychain });
    expect(value<StoreStatus>(await first.call('store.status'))).toMatchObject({ path: dir, state: 'open', encrypted: true, keyKind: 'os-keychain', keychain: { available: true, reason: null }, holder: 'app' });
    expect((await first.rest('/api/2.0/mlflow/experiments/search', { max_results: 10 })).status).toBe(200);
    await first.tracking.close();
    expect(manifestOf(dir)).toMatchObject({ format: 3, encryption: { keyKind: 'os-keychain' } });
    const again = await open(dir, { jobs: { holder: 'app' }, keychain });
    expect(value<StoreStatus>(await again.call('store.status'))).toMatchObject({ state: 'open', keyKind: 'os-keychain' });
    // another computer's keychain: the store waits, locked, with the sentence; the app still starts
    await again.tracking.close();
    const elsewhere = await open(dir, { jobs: { holder: 'app' }, keychain: fakeKeychain() });
    const status = value<StoreStatus>(await elsewhere.call('store.status'));
    expect(status).toMatchObject({ state: 'locked', keyKind: 'os-keychain' });
    expect(status.lastError).toBe(`this computer's keychain does not hold the key of store ${dir} (it was encrypted by the keychain of another computer or user)`);
  });

  it('keeps an existing plain store plain', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 1, points: 10 });
    const app = await open(dir, { jobs: { holder: 'app' }, keychain: fakeKeychain() });
    expect(value<StoreStatus>(await app.call('store.status'))).toMatchObject({ state: 'open', encrypted: false, keyKind: null });
  });

  it('without a secure keychain (Linux basic_text) a new store waits for a choice, never falling back silently', async () => {
    const dir = join(tempDir(), 'store');
    const app = await open(dir, { jobs: { holder: 'app' }, keychain: fakeKeychain({ backend: 'basic_text' }) });
    const status = value<StoreStatus>(await app.call('store.status'));
    expect(status).toMatchObject({ state: 'needs-protection', encrypted: false, keyKind: null, keychain: { available: false } });
    expect(status.keychain.reason).toBe('no secret service (GNOME Keyring, KWallet) is running, so the keychain would protect nothing');
    // nothing was created, the MLflow API and other methods say why in MLflow's format
    expect(() => readFileSync(join(dir, 'store.json'))).toThrow();
    const rest = await app.rest('/api/2.0/mlflow/experiments/search', { max_results: 10 });
    expect(rest).toEqual({ status: 503, json: { error_code: 'TEMPORARILY_UNAVAILABLE', message: `store ${dir} is not created yet: choose how to protect it in the Sextant window` } });
    expect(await app.call('experiments.list', {})).toMatchObject({ ok: false, error: { message: `store ${dir} is not created yet: choose how to protect it in the Sextant window` } });
    expect(value<{ storePath: string }>(await app.call('app.info'))).toMatchObject({ storePath: dir });
    // the keychain is refused as a choice; a passphrase creates the store encrypted with it
    expect(await app.call('store.encrypt', { key: { kind: 'os-keychain' } })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const opened = value<StoreStatus>(await app.call('store.protect', { with: 'passphrase', passphrase: PASSPHRASE }));
    expect(opened).toMatchObject({ state: 'open', encrypted: true, keyKind: 'passphrase' });
    expect(manifestOf(dir)).toMatchObject({ format: 3, encryption: { keyKind: 'passphrase' } });
    expect(app.statuses.map((s) => s.state)).toEqual(['open']);
    expect((await app.rest('/api/2.0/mlflow/experiments/search', { max_results: 10 })).status).toBe(200);
    expect(JSON.stringify([app.statuses, app.logs])).not.toContain(PASSPHRASE);
  });

  it('"keep it unencrypted" is an explicit choice that creates a plain store', async () => {
    const dir = join(tempDir(), 'store');
    const app = await open(dir, { jobs: { holder: 'app' }, keychain: fakeKeychain({ available: false }) });
    expect(value<StoreStatus>(await app.call('store.status')).keychain).toEqual({ available: false, reason: 'this system offers no keychain to protect the store key with' });
    expect(value<StoreStatus>(await app.call('store.protect', { with: 'none' }))).toMatchObject({ state: 'open', encrypted: false });
    expect(manifestOf(dir).encryption).toBeUndefined();
    expect(await app.call('store.protect', { with: 'none' })).toMatchObject({ ok: false, error: { code: 'bad_input', message: `store ${dir} already exists; encrypt or decrypt it from the store settings instead` } });
  });
});

describe('store session: sextant serve on a passphrase store', () => {
  it('starts locked, answers the MLflow API with 503 in MLflow format, refuses a wrong passphrase, opens with the right one over browser-mode RPC', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { key: passphraseKey(), runs: 2, points: 50 });
    const serve = await open(dir);
    const locked = value<StoreStatus>(await serve.rpc('store.status'));
    expect(locked).toMatchObject({ path: dir, state: 'locked', encrypted: true, keyKind: 'passphrase', holder: 'serve', keychain: { available: false } });
    const sentence = `store ${dir} is locked: unlock it in the browser, at the URL sextant serve printed`;
    for (const [path, body] of [['/api/2.0/mlflow/experiments/search', { max_results: 5 }], ['/api/2.0/mlflow/runs/search', {}], ['/ajax-api/2.0/mlflow/experiments/get-by-name?experiment_name=x', undefined], ['/api/2.0/mlflow-artifacts/artifacts', undefined]] as const) {
      expect(await serve.rest(path, body)).toEqual({ status: 503, json: { error_code: 'TEMPORARILY_UNAVAILABLE', message: sentence } });
    }
    expect((await fetch(`${serve.tracking.server.url}/health`)).status).toBe(200);
    // browser mode before unlock: app.info (the token check) and store.* answer, the rest says why
    expect(await serve.rpc('app.info')).toMatchObject({ ok: true, value: { storePath: dir } });
    expect(await serve.rpc('experiments.list', {})).toMatchObject({ ok: false, error: { message: sentence } });

    expect(await serve.rpc('store.unlock', { passphrase: 'not it' })).toEqual({ ok: false, error: { code: 'bad_input', message: `the passphrase does not open store ${dir}` } });
    expect(value<StoreStatus>(await serve.rpc('store.status')).state).toBe('locked');
    expect(await serve.rpc('store.unlock', { passphrase: '' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    expect(value<StoreStatus>(await serve.rpc('store.unlock', { passphrase: PASSPHRASE }))).toMatchObject({ state: 'open', encrypted: true, keyKind: 'passphrase' });
    const search = await serve.rest('/api/2.0/mlflow/runs/search', { experiment_ids: ['1'], max_results: 10 });
    expect(search.status).toBe(200);
    expect((search.json as { runs: unknown[] }).runs).toHaveLength(2);
    expect(await serve.rpc('store.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'bad_input', message: `store ${dir} is not locked (it is open)` } });
    expect(serve.statuses.map((s) => s.state)).toEqual(['open']);
    expect(JSON.stringify([serve.statuses, serve.logs])).not.toContain(PASSPHRASE);
  });

  it('refuses a key-file store without its key at start, as before', async () => {
    const dir = join(tempDir(), 'store');
    const keyFile = join(tempDir(), 'k.key');
    const { writeNewKeyFile } = await import('../../../../electron/store/crypto/keys');
    writeNewKeyFile(keyFile);
    await seedStore(dir, { key: { kind: 'key-file', path: keyFile }, runs: 1, points: 5 });
    await expect(open(dir)).rejects.toThrow(`store ${dir} is encrypted with a key file; pass --key-file FILE`);
    // the app waits for the key file instead
    const app = await open(dir, { jobs: { holder: 'app' }, keychain: fakeKeychain() });
    expect(value<StoreStatus>(await app.call('store.status'))).toMatchObject({ state: 'locked', keyKind: 'key-file' });
    expect(value<StoreStatus>(await app.call('store.unlock', { keyFile }))).toMatchObject({ state: 'open', keyKind: 'key-file' });
  });
});

describe('store session: conversions from the UI', () => {
  it('encrypts a plain store with a passphrase, rekeys it to a new key file, decrypts it: progress, the store reopened each time, the same data', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 3, points: 400 });
    const before = await fingerprintStore(dir);
    const serve = await open(dir);

    const started = value<StoreStatus>(await serve.call('store.encrypt', { key: { kind: 'passphrase', passphrase: PASSPHRASE } }));
    expect(started).toMatchObject({ state: 'converting', conversion: { action: 'encrypt', kind: 'store.encrypt', state: 'running', title: 'Encrypting the store with a passphrase', toKeyKind: 'passphrase' } });
    const during = await serve.rest('/api/2.0/mlflow/experiments/search', { max_results: 5 });
    expect(during).toEqual({ status: 503, json: { error_code: 'TEMPORARILY_UNAVAILABLE', message: `store ${dir} is being encrypted; try again when that is done` } });
    expect(await serve.call('store.decrypt', { current: { passphrase: PASSPHRASE } })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    await serve.tracking.session.settled();
    const encrypted = value<StoreStatus>(await serve.call('store.status'));
    expect(encrypted).toMatchObject({ state: 'open', encrypted: true, keyKind: 'passphrase', conversion: { state: 'succeeded', cancellable: false } });
    expect(encrypted.conversion!.outcome!.summary).toMatch(/^encrypted store .*: 3 runs, /);
    expect(encrypted.lastError).toBeUndefined();
    const progress = serve.statuses.filter((s) => s.state === 'converting').map((s) => s.conversion!.progress);
    expect(progress.some((p) => p.itemsTotal !== undefined && p.itemsTotal > 3 && p.bytesTotal !== undefined && p.bytesTotal > 0)).toBe(true);
    const done = progress.map((p) => p.itemsDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(serve.statuses.at(-1)).toMatchObject({ state: 'open', encrypted: true });
    expect(manifestOf(dir)).toMatchObject({ format: 3, encryption: { keyKind: 'passphrase' } });
    expect((await serve.rest('/api/2.0/mlflow/runs/search', { experiment_ids: ['1'], max_results: 10 })).status).toBe(200);
    expect(serve.tracking.store.keys).not.toBeNull();

    const keyFile = join(tempDir(), 'new.key');
    // the current passphrase first: a wrong one changes nothing
    expect(await serve.call('store.rekey', { key: { kind: 'key-file', path: keyFile, generate: true }, current: { passphrase: 'not the passphrase' } })).toEqual({ ok: false, error: { code: 'bad_input', message: `the passphrase does not open store ${dir}` } });
    expect(manifestOf(dir)).toMatchObject({ encryption: { keyKind: 'passphrase' } });
    expect(value<StoreStatus>(await serve.call('store.rekey', { key: { kind: 'key-file', path: keyFile, generate: true }, current: { passphrase: PASSPHRASE } }))).toMatchObject({ state: 'open', conversion: { action: 'rekey', state: 'running', cancellable: false } });
    await serve.tracking.session.settled();
    expect(value<StoreStatus>(await serve.call('store.status'))).toMatchObject({ state: 'open', keyKind: 'key-file', conversion: { action: 'rekey', state: 'succeeded' } });
    expect(manifestOf(dir)).toMatchObject({ encryption: { keyKind: 'key-file' } });

    expect(await serve.call('store.decrypt', { current: { passphrase: PASSPHRASE } })).toEqual({ ok: false, error: { code: 'bad_input', message: `store ${dir} is encrypted with a key file: give its current key file to decrypt it` } });
    value(await serve.call('store.decrypt', { current: { keyFile } }));
    await serve.tracking.session.settled();
    expect(value<StoreStatus>(await serve.call('store.status'))).toMatchObject({ state: 'open', encrypted: false, keyKind: null, conversion: { action: 'decrypt', state: 'succeeded' } });
    await serve.tracking.close();
    expect(manifestOf(dir).encryption).toBeUndefined();
    const after = await fingerprintStore(dir);
    expect(after).toMatchObject({ runs: 3, encrypted: false, digest: before.digest, points: before.points });
    expect(JSON.stringify([serve.statuses, serve.logs])).not.toContain(PASSPHRASE);
  });

  it('cancels an encryption before its swap: the store reopens as it was', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 2, points: 200 });
    const serve = await open(dir);
    value(await serve.call('store.encrypt', { key: { kind: 'passphrase', passphrase: PASSPHRASE } }));
    expect(value<StoreStatus>(await serve.call('store.cancelConversion'))).toMatchObject({ state: 'converting', conversion: { cancellable: false } });
    await serve.tracking.session.settled();
    const status = value<StoreStatus>(await serve.call('store.status'));
    expect(status).toMatchObject({ state: 'open', encrypted: false, conversion: { state: 'cancelled' } });
    expect(status.lastError).toBeUndefined();
    expect(manifestOf(dir).encryption).toBeUndefined();
    expect(await serve.call('store.cancelConversion')).toMatchObject({ ok: false, error: { code: 'bad_input', message: `no conversion of store ${dir} is running` } });
  });

  it('decrypts only with the current key: the old one after a rekey the CLI handed over is refused, the store left open', async () => {
    const dir = join(tempDir(), 'store');
    const { writeNewKeyFile } = await import('../../../../electron/store/crypto/keys');
    const [k0, k1] = [join(tempDir(), 'k0.key'), join(tempDir(), 'k1.key')];
    writeNewKeyFile(k0);
    writeNewKeyFile(k1);
    await seedStore(dir, { key: { kind: 'key-file', path: k0 }, runs: 1, points: 5 });
    const serve = await open(dir, { key: { kind: 'key-file', path: k0 } });
    await serve.tracking.store.rekey({ kind: 'key-file', path: k0 }, { kind: 'key-file', path: k1 }); // what the handed-over rekey job does
    const sentence = `the key in ${k0} does not open store ${dir}`;
    expect(await serve.call('store.decrypt', { current: { keyFile: k0 } })).toEqual({ ok: false, error: { code: 'bad_input', message: sentence } });
    expect(await serve.call('store.rekey', { key: { kind: 'passphrase', passphrase: PASSPHRASE }, current: { keyFile: k0 } })).toEqual({ ok: false, error: { code: 'bad_input', message: sentence } });
    expect(value<StoreStatus>(await serve.call('store.status'))).toMatchObject({ state: 'open', encrypted: true, keyKind: 'key-file' });
    expect(manifestOf(dir)).toMatchObject({ format: 3, encryption: { keyKind: 'key-file' } });
    // with the current one it goes ahead
    value(await serve.call('store.rekey', { key: { kind: 'passphrase', passphrase: PASSPHRASE }, current: { keyFile: k1 } }));
    await serve.tracking.session.settled();
    expect(value<StoreStatus>(await serve.call('store.status'))).toMatchObject({ state: 'open', keyKind: 'passphrase', conversion: { action: 'rekey', state: 'succeeded' } });
  });

  it('refuses what cannot be done, in one sentence', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 1, points: 5 });
    const serve = await open(dir);
    expect(await serve.call('store.decrypt', { current: { passphrase: 'x' } })).toEqual({ ok: false, error: { code: 'bad_input', message: `store ${dir} is not encrypted; nothing to decrypt` } });
    expect(await serve.call('store.rekey', { key: { kind: 'passphrase', passphrase: PASSPHRASE }, current: { passphrase: 'x' } })).toEqual({ ok: false, error: { code: 'bad_input', message: `store ${dir} is not encrypted, so it has no key to change; encrypt it instead` } });
    expect(await serve.call('store.encrypt', { key: { kind: 'os-keychain' } })).toEqual({ ok: false, error: { code: 'bad_input', message: `cannot protect store ${dir} with the OS keychain: sextant serve has no OS keychain; use a passphrase or a key file instead` } });
    const missing = join(tempDir(), 'absent.key');
    expect(await serve.call('store.encrypt', { key: { kind: 'key-file', path: missing } })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await serve.call('store.encrypt', { key: { kind: 'key-file', path: 'relative.key' } })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(value<StoreStatus>(await serve.call('store.status'))).toMatchObject({ state: 'open', encrypted: false });
  });
});
