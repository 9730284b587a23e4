// What the remote-secret tests share: a stand-in for the OS keychain that really encrypts (as
// safeStorage does: ciphertext only, its key never on disk), the app's settings.json as a plain
// JSON file (what electron-store writes), and a scan of every byte under a folder for a secret in
// each form it could take.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings, SettingsPatch, type Settings, type SettingsStore } from '../../../electron/app/settings';
import type { OsKeychain } from '../../../electron/store/crypto/keys/os-keychain';

/** An OS keychain for tests: AES-256-GCM under a key held in memory only (like the OS's). */
export function fakeKeychain(opts: { available?: boolean; backend?: string } = {}): OsKeychain & { calls: number } {
  const key = randomBytes(32);
  const chain = {
    calls: 0,
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString(plain: string): Buffer {
      chain.calls++;
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, body, c.getAuthTag()]);
    },
    decryptString(sealed: Buffer): string {
      chain.calls++;
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]).toString('utf8');
    },
  };
  return chain;
}

/** The app's settings in `<userData>/settings.json`, read and written as a JSON file on every change. */
export function settingsJsonFile(userData: string): SettingsStore & { path: string } {
  mkdirSync(userData, { recursive: true });
  const path = join(userData, 'settings.json');
  let current: Settings = readSettings(existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});
  return {
    path,
    get: () => current,
    update(patch) {
      current = { ...current, ...SettingsPatch.parse(patch) };
      writeFileSync(path, JSON.stringify(current, null, '\t'));
      return current;
    },
  };
}

/** Every form a secret could leak in: as is, UTF-16, base64 (also url-safe and of a Basic header), hex, URL- and JSON-escaped. */
export function secretForms(secret: string, username?: string): { form: string; bytes: Buffer }[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const forms: [string, Buffer][] = [
    ['utf8', utf8],
    ['utf16le', Buffer.from(secret, 'utf16le')],
    ['base64', Buffer.from(utf8.toString('base64').replace(/=+$/, ''))],
    ['base64url', Buffer.from(utf8.toString('base64url'))],
    ['hex', Buffer.from(utf8.toString('hex'))],
    ['HEX', Buffer.from(utf8.toString('hex').toUpperCase())],
    ['url-encoded', Buffer.from(encodeURIComponent(secret))],
    ['json', Buffer.from(JSON.stringify(secret).slice(1, -1))],
  ];
  if (username !== undefined) forms.push(['basic header', Buffer.from(Buffer.from(`${username}:${secret}`).toString('base64').replace(/=+$/, ''))]);
  return forms.map(([form, bytes]) => ({ form, bytes }));
}

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : e.isFile() ? [path] : [];
  });
}

export interface Secret {
  value: string;
  username?: string;
}

/** Each file under `dirs` (and each path) that holds one of `secrets` in one of its forms: "path (form)". */
export function secretLeaks(dirs: string[], secrets: Secret[]): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    for (const path of filesUnder(dir)) {
      const bytes = statSync(path).size ? readFileSync(path) : Buffer.alloc(0);
      for (const s of secrets) {
        if (path.includes(s.value)) found.push(`${path} (in its name)`);
        for (const { form, bytes: needle } of secretForms(s.value, s.username)) if (bytes.includes(needle)) found.push(`${path} (${form} of a secret)`);
      }
    }
  }
  return found;
}

/** Where a text shows one of `secrets` in one of its forms. */
export function textLeaks(text: string, secrets: Secret[]): string[] {
  return secrets.flatMap((s) => secretForms(s.value, s.username).filter(({ bytes }) => text.includes(bytes.toString('latin1'))).map(({ form }) => form));
}
