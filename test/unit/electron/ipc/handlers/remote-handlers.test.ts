import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptSecretsFile } from '../../../../../electron/app/kept-secrets-file';
import { remoteHandlers } from '../../../../../electron/ipc/handlers/remote-handlers';
import { remoteSecretReader } from '../../../../../electron/secrets/remote-secret-reader';
import { secretPlaceOf } from '../../../../../electron/secrets/secret-place';
import { remotes } from '../../../../../electron/services/remotes-service';
import { findRemote } from '../../../../../electron/store/sync/sync-repo';
import { keyFileSource, newKeyFile } from '../../../../support/encrypted-store';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { fakeKeychain, settingsJsonFile } from '../../../../security/secrets/secret-fixture';

const tempDir = useTempDirs();
const ipc = { transport: 'ipc' as const };
/** Browser mode on this machine (a loopback connection). */
const http = { transport: 'http' as const, connection: { remoteAddress: '127.0.0.1', localAddress: '127.0.0.1' } };
/** Browser mode from another machine (`sextant serve --host 0.0.0.0`). */
const afar = { transport: 'http' as const, connection: { remoteAddress: '192.0.2.7', localAddress: '192.0.2.2' } };

async function encryptedSetup() {
  const dir = tempDir();
  const t = await openTestStore(join(dir, 'store'), { key: keyFileSource(newKeyFile(dir)) });
  const settings = settingsJsonFile(join(dir, 'userData'));
  const app = keptSecretsFile(settings, fakeKeychain(), 'linux');
  return { t, settings, app, h: remoteHandlers(t.svc, app) };
}

describe('the Remotes page on an encrypted store', () => {
  it('refuses a password or token typed on another machine (plain HTTP): nothing is added, changed or tested with it', async () => {
    const { t, h } = await encryptedSetup();
    const secret = { from: 'kept' as const, value: 'pw-afar' };
    const basic = { kind: 'basic' as const, username: 'ana' };
    await expect(h['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: basic, secret }, afar)).rejects.toThrow(/only on the machine running Sextant/);
    expect(findRemote(t.store.db, 'team')).toBeUndefined();
    await h['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: basic, secret: { from: 'env', name: 'TEAM_PASSWORD' } }, afar); // a variable's name is no secret
    await expect(h['remotes.update']({ name: 'team', url: 'https://team.example.com', auth: basic, secret }, afar)).rejects.toThrow(/only on the machine running Sextant/);
    await expect(h['remotes.test']({ url: 'https://team.example.com', auth: basic, secret }, afar)).rejects.toThrow(/only on the machine running Sextant/);
    expect(findRemote(t.store.db, 'team')!.secretEnv).toBe('TEAM_PASSWORD');
    await t.store.close();
  });

  it('seals an entered secret in the store in the same commit as the remote, also from browser mode; the app keychain keeps none', async () => {
    const { t, settings, app, h } = await encryptedSetup();
    await h['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: { kind: 'basic', username: 'ana' }, secret: { from: 'kept', value: 'pw-1' } }, http);
    const row = findRemote(t.store.db, 'team')!;
    expect(secretPlaceOf(row).kind).toBe('store');
    expect(settings.get().keptSecrets).toBeUndefined();
    expect(remoteSecretReader(t.store, app)('team')).toBe('pw-1');
    // listings show the reference masked
    expect(remotes(t.svc)[0]!.secretEnv).toBe('sealed:v1:********');
    expect(await h['remotes.list']({}, ipc)).toMatchObject([{ name: 'team', secret: { from: 'kept', present: true } }]);
    await t.store.close();
  });

  it('an edit without the secret keeps the sealed one; a new one replaces it; naming a variable drops it; removing the remote removes it', async () => {
    const { t, app, h } = await encryptedSetup();
    const read = remoteSecretReader(t.store, app);
    await h['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: { kind: 'bearer' }, secret: { from: 'kept', value: 'tok-1' } }, ipc);
    await h['remotes.update']({ name: 'team', url: 'https://team.example.com/mlflow', auth: { kind: 'bearer' } }, ipc);
    expect([findRemote(t.store.db, 'team')!.url, read('team')]).toEqual(['https://team.example.com/mlflow', 'tok-1']);
    await h['remotes.update']({ name: 'team', url: 'https://team.example.com/mlflow', auth: { kind: 'bearer' }, secret: { from: 'kept', value: 'tok-2' } }, ipc);
    expect(read('team')).toBe('tok-2');
    await h['remotes.update']({ name: 'team', url: 'https://team.example.com/mlflow', auth: { kind: 'bearer' }, secret: { from: 'env', name: 'TEAM_TOKEN' } }, ipc);
    expect(findRemote(t.store.db, 'team')!.secretEnv).toBe('TEAM_TOKEN');
    await h['remotes.update']({ name: 'team', url: 'https://team.example.com/mlflow', auth: { kind: 'bearer' }, secret: { from: 'kept', value: 'tok-3' } }, ipc);
    await h['remotes.remove']({ name: 'team' }, ipc);
    expect(findRemote(t.store.db, 'team')).toBeUndefined();
    expect(read('team')).toBeUndefined();
    await t.store.close();
  });

  it('a plain store still refuses a kept secret in browser mode, and says it could be encrypted', async () => {
    const dir = tempDir();
    const t = await openTestStore(join(dir, 'store'));
    const h = remoteHandlers(t.svc, keptSecretsFile(settingsJsonFile(join(dir, 'u')), fakeKeychain(), 'linux'));
    await expect(h['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: { kind: 'bearer' }, secret: { from: 'kept', value: 'tok' } }, http)).rejects.toThrow(/or encrypt the store/);
    const noKeychain = remoteHandlers(t.svc, keptSecretsFile(settingsJsonFile(join(dir, 'v')), fakeKeychain({ backend: 'basic_text' }), 'linux'));
    await expect(noKeychain['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: { kind: 'bearer' }, secret: { from: 'kept', value: 'tok' } }, ipc)).rejects.toThrow(/no secret service .* Name an environment variable instead, or encrypt the store/);
    expect(remotes(t.svc)).toEqual([]);
    await t.store.close();
  });
});
