import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptSecretsFile } from '../../../../electron/app/kept-secrets-file';
import { remoteHandlers } from '../../../../electron/ipc/handlers/remote-handlers';
import type { KeptSecrets } from '../../../../electron/ipc/kept-secrets';
import { remoteSecretReader } from '../../../../electron/secrets/remote-secret-reader';
import { releaseStoreSecrets, settleKeptSecrets } from '../../../../electron/secrets/settle-kept-secrets';
import { secretPlaceOf } from '../../../../electron/secrets/secret-place';
import { convertStore } from '../../../../electron/store/convert/convert-store';
import { findRemote } from '../../../../electron/store/sync/sync-repo';
import { keyFileSource, newKeyFile } from '../../../support/encrypted-store';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { fakeKeychain, secretLeaks, settingsJsonFile } from '../../../security/secrets/secret-fixture';

const tempDir = useTempDirs();
const ipc = { transport: 'ipc' as const };
const PW = 'pw-Lk3m-settle';
const TOKEN = 'tok-Qa9z-settle';

function appSecrets(userData: string): KeptSecrets {
  return keptSecretsFile(settingsJsonFile(userData), fakeKeychain(), 'linux');
}

async function addTwo(t: TestStore, app: KeptSecrets) {
  const h = remoteHandlers(t.svc, app);
  await h['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: { kind: 'basic', username: 'ana' }, secret: { from: 'kept', value: PW } }, ipc);
  await h['remotes.add']({ name: 'ci', url: 'https://ci.example.com', auth: { kind: 'bearer' }, secret: { from: 'kept', value: TOKEN } }, ipc);
}

const placeOf = (t: TestStore, name: string) => secretPlaceOf(findRemote(t.store.db, name)!).kind;

describe('kept secrets follow the store through decrypt and encrypt', () => {
  it('before a decrypt, the app moves secrets sealed in the store to its keychain; the decrypted store keeps none, and a push still finds them', async () => {
    const dir = tempDir();
    const key = keyFileSource(newKeyFile(dir));
    const storeDir = join(dir, 'store');
    const userData = join(dir, 'userData');
    const app = appSecrets(userData);
    const t = await openTestStore(storeDir, { key });
    await addTwo(t, app);
    expect([placeOf(t, 'team'), placeOf(t, 'ci'), app.has('team')]).toEqual(['store', 'store', false]);
    const report = await releaseStoreSecrets(t.svc, app);
    expect(report).toMatchObject({ moved: ['ci', 'team'], dropped: [] });
    expect([placeOf(t, 'team'), placeOf(t, 'ci')]).toEqual(['app', 'app']);
    await t.store.close();
    await convertStore({ dir: storeDir, to: 'plain', key });
    const plain = await openTestStore(storeDir);
    expect(await settleKeptSecrets(plain.svc, app)).toEqual({ moved: [], dropped: [], notes: [] });
    const read = remoteSecretReader(plain.store, app);
    expect([read('team'), read('ci')]).toEqual([PW, TOKEN]);
    await plain.store.close();
    expect(secretLeaks([storeDir, userData], [{ value: PW, username: 'ana' }, { value: TOKEN }])).toEqual([]);
  });

  it('headless (or without a keychain) a decrypt drops them with a note naming each remote', async () => {
    const dir = tempDir();
    const key = keyFileSource(newKeyFile(dir));
    const t = await openTestStore(join(dir, 'store'), { key });
    await addTwo(t, appSecrets(join(dir, 'userData')));
    const report = await releaseStoreSecrets(t.svc, undefined);
    expect(report.dropped).toEqual(['ci', 'team']);
    expect(report.notes.join('\n')).toMatch(/the password of remote 'team' was dropped \(a plain store cannot keep it, and only the desktop app can keep a password or token outside the store\): enter it again/);
    expect(report.notes.join('\n')).not.toContain(PW);
    expect([placeOf(t, 'team'), placeOf(t, 'ci')]).toEqual(['app', 'app']);
    await t.store.close();
  });

  it('a store decrypted by a command (no app to move them to) drops the sealed secrets it cannot open, on its next open', async () => {
    const dir = tempDir();
    const key = keyFileSource(newKeyFile(dir));
    const storeDir = join(dir, 'store');
    const t = await openTestStore(storeDir, { key });
    await addTwo(t, appSecrets(join(dir, 'userData')));
    await t.store.close();
    await convertStore({ dir: storeDir, to: 'plain', key });
    const plain = await openTestStore(storeDir);
    expect(placeOf(plain, 'team')).toBe('store');
    expect(() => remoteSecretReader(plain.store)('team')).toThrow(/not encrypted any more.*enter it again/);
    const report = await settleKeptSecrets(plain.svc, undefined);
    expect(report.dropped).toEqual(['ci', 'team']);
    expect(report.notes[1]).toMatch(/remote 'team' was kept in the store when it was encrypted; a plain store cannot keep it/);
    expect([placeOf(plain, 'team'), placeOf(plain, 'ci')]).toEqual(['app', 'app']);
    await plain.store.close();
  });

  it('once a store is encrypted, secrets the app kept for it move into the store and leave settings.json', async () => {
    const dir = tempDir();
    const key = keyFileSource(newKeyFile(dir));
    const storeDir = join(dir, 'store');
    const userData = join(dir, 'userData');
    const settings = settingsJsonFile(userData);
    const app = keptSecretsFile(settings, fakeKeychain(), 'linux');
    const t = await openTestStore(storeDir);
    await addTwo(t, app);
    expect([placeOf(t, 'team'), app.has('team'), app.has('ci')]).toEqual(['app', true, true]);
    expect(Object.keys(settings.get().keptSecrets ?? {})).toEqual(['team', 'ci']);
    await t.store.close();
    await convertStore({ dir: storeDir, to: 'encrypted', key });
    const enc = await openTestStore(storeDir, { key });
    const report = await settleKeptSecrets(enc.svc, app);
    expect(report.moved).toEqual(['ci', 'team']);
    expect([placeOf(enc, 'team'), placeOf(enc, 'ci')]).toEqual(['store', 'store']);
    expect(settings.get().keptSecrets).toEqual({});
    const read = remoteSecretReader(enc.store, app);
    expect([read('team'), read('ci')]).toEqual([PW, TOKEN]);
    // settled already: a second open changes nothing
    expect(await settleKeptSecrets(enc.svc, app)).toEqual({ moved: [], dropped: [], notes: [] });
    await enc.store.close();
    expect(secretLeaks([storeDir, userData], [{ value: PW, username: 'ana' }, { value: TOKEN }])).toEqual([]);
  });
});
