import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcResult } from '../../../../shared/ipc/contract';
import type { StoreStatus } from '../../../../shared/ipc/store-types';
import { dispatch, type CallContext } from '../../../../electron/ipc/dispatch';
import { openTracking, type RunningTracking } from '../../../../electron/open-tracking';
import { seedStore } from '../../../support/convert-fixture';
import { useTempDirs } from '../../../support/temp-dir';
import { fakeKeychain } from '../store/crypto/keys/fixtures';

const tempDir = useTempDirs();
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple 42';
const NEW_PASSPHRASE = 'another long passphrase 77';

// A browser on another machine reaching `sextant serve --host 0.0.0.0` (the server at 192.0.2.2,
// the client at 192.0.2.77): the call context browser mode builds from the socket (see
// ui-rpc-connection.test.ts), given here to the contract as the route would.
const AFAR: CallContext = { transport: 'http', connection: { remoteAddress: '192.0.2.77', localAddress: '192.0.2.2' } };
/** A browser on this machine opening the server's LAN address. */
const HERE_BY_LAN: CallContext = { transport: 'http', connection: { remoteAddress: '192.0.2.2', localAddress: '192.0.2.2' } };

let running: RunningTracking[] = [];
afterEach(async () => {
  for (const t of running) await t.close();
  running = [];
});

async function serve(dir: string, app = false) {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  const logs: string[] = [];
  const tracking = await openTracking({ storeDir: dir, host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test', rendererDir, scrypt: CHEAP_SCRYPT, ...(app ? { jobs: { holder: 'app' as const }, keychain: fakeKeychain({ backend: 'basic_text' }) } : {}) });
  running.push(tracking);
  const call = (method: string, input: unknown, ctx: CallContext) => dispatch(tracking.handlers, method, input, ctx, (m) => logs.push(m));
  const refusal = (doing: string) => ({ ok: false, error: { code: 'forbidden', message: `${doing} from this machine (${tracking.server.url}): a passphrase is never sent over the network in clear` } });
  return { tracking, call, logs, refusal };
}

const value = <T>(r: RpcResult): T => {
  if (!r.ok) throw new Error(`call failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

describe('store session: a passphrase is taken only from this machine', () => {
  it('refuses an unlock from another machine, even with the right passphrase, before any check; opens from this machine', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { key: { kind: 'passphrase', passphrase: PASSPHRASE, scrypt: CHEAP_SCRYPT }, runs: 1, points: 5 });
    const s = await serve(dir);
    expect(value<StoreStatus>(await s.call('store.status', {}, AFAR))).toMatchObject({ state: 'locked' });
    expect(await s.call('store.unlock', { passphrase: PASSPHRASE }, AFAR)).toEqual(s.refusal('unlock the store'));
    expect(await s.call('store.unlock', { passphrase: PASSPHRASE }, { transport: 'http' })).toEqual(s.refusal('unlock the store'));
    expect(value<StoreStatus>(await s.call('store.status', {}, AFAR)).state).toBe('locked');
    expect(s.logs.join('\n')).not.toMatch(/wrong passphrase/); // never checked, so never counted as a wrong one
    expect(value<StoreStatus>(await s.call('store.unlock', { passphrase: PASSPHRASE }, HERE_BY_LAN))).toMatchObject({ state: 'open', encrypted: true });
    expect(s.logs.join('\n')).not.toContain(PASSPHRASE);
  });

  it('refuses decrypt and rekey carrying a passphrase from another machine; the store stays open with its key', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { key: { kind: 'passphrase', passphrase: PASSPHRASE, scrypt: CHEAP_SCRYPT }, runs: 1, points: 5 });
    const s = await serve(dir);
    value(await s.call('store.unlock', { passphrase: PASSPHRASE }, { transport: 'ipc' }));
    const keyFile = join(tempDir(), 'new.key');
    expect(await s.call('store.decrypt', { current: { passphrase: PASSPHRASE } }, AFAR)).toEqual(s.refusal('decrypt the store'));
    expect(await s.call('store.rekey', { key: { kind: 'key-file', path: keyFile, generate: true }, current: { passphrase: PASSPHRASE } }, AFAR)).toEqual(s.refusal("change the store's key"));
    expect(await s.call('store.rekey', { key: { kind: 'passphrase', passphrase: NEW_PASSPHRASE }, current: { keyFile } }, AFAR)).toEqual(s.refusal("change the store's key"));
    expect(value<StoreStatus>(await s.call('store.status', {}, AFAR))).toMatchObject({ state: 'open', encrypted: true, keyKind: 'passphrase' });
    expect(value<StoreStatus>(await s.call('store.status', {}, AFAR)).conversion).toBeUndefined();
  });

  it('refuses encrypt and protect with a passphrase from another machine', async () => {
    const plain = join(tempDir(), 'plain');
    await seedStore(plain, { runs: 1, points: 5 });
    const s = await serve(plain);
    expect(await s.call('store.encrypt', { key: { kind: 'passphrase', passphrase: NEW_PASSPHRASE } }, AFAR)).toEqual(s.refusal('encrypt the store with a passphrase'));
    expect(value<StoreStatus>(await s.call('store.status', {}, AFAR))).toMatchObject({ state: 'open', encrypted: false });

    const fresh = join(tempDir(), 'new-store');
    const app = await serve(fresh, true);
    expect(value<StoreStatus>(await app.call('store.status', {}, AFAR)).state).toBe('needs-protection');
    expect(await app.call('store.protect', { with: 'passphrase', passphrase: NEW_PASSPHRASE }, AFAR)).toEqual(app.refusal('protect the store with a passphrase'));
    expect(value<StoreStatus>(await app.call('store.status', {}, AFAR)).state).toBe('needs-protection');
    // what carries no passphrase is not refused for where it comes from
    expect(value<StoreStatus>(await app.call('store.protect', { with: 'none' }, AFAR))).toMatchObject({ state: 'open', encrypted: false });
  });
});
