import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OsKeychain } from '../../../../../../electron/store/crypto/keys/os-keychain';

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-keys-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `content` to dir/name with `mode` (0600 unless told), returns the path. */
export function keyFileAt(dir: string, name: string, content: Buffer | string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return path;
}

/** Every way a key's bytes could show up in text. */
export function encodingsOf(bytes: Buffer): string[] {
  return [bytes.toString('hex'), bytes.toString('hex').toUpperCase(), bytes.toString('base64'), bytes.toString('base64url')];
}

/** A stand-in for safeStorage: AES-GCM under a per-"computer" secret; another computer's blob throws. */
export function fakeKeychain(opts: { available?: boolean; backend?: string } = {}): OsKeychain {
  const machineKey = randomBytes(32);
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    ...(opts.backend ? { getSelectedStorageBackend: () => opts.backend! } : {}),
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', machineKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, body, c.getAuthTag()]);
    },
    decryptString(sealed) {
      const d = createDecipheriv('aes-256-gcm', machineKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]).toString('utf8');
    },
  };
}

/** Flips one bit of a base64 (or base64url) field, keeping it canonical. */
export function flipBit(value: string, bit = 0, encoding: 'base64' | 'base64url' = 'base64'): string {
  const bytes = Buffer.from(value, encoding);
  if (bit >> 3 >= bytes.length) throw new Error(`bit ${bit} is past the end of a ${bytes.length}-byte field`);
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  return bytes.toString(encoding);
}
