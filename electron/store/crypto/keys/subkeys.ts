import { createHash, hkdfSync } from 'node:crypto';
import { KeyMaterial } from './key-material';

/** A store's data key (DEK): 32 random bytes, made once per store, only ever stored wrapped. */
export const DATA_KEY_BYTES = 32;

/** What a subkey is for; each file format derives its own keys so no two uses share one. */
export const SUBKEY_PURPOSES = ['journal', 'snapshot', 'series', 'artifact', 'upload', 'names', 'secrets', 'key-check'] as const;
export type SubkeyPurpose = (typeof SUBKEY_PURPOSES)[number];

/** HKDF-SHA256 caps `info` at 1024 bytes in node:crypto; longer file ids are hashed. */
const MAX_INFO_BYTES = 1024;

export function generateDataKey(): KeyMaterial {
  return KeyMaterial.random(DATA_KEY_BYTES);
}

/**
 * The HKDF info for a purpose and file: "sextant/<purpose>", "sextant/<purpose>/id:<fileId>",
 * or "sextant/<purpose>/sha256:<hex>" for ids too long for HKDF. Purposes hold no '/', and the
 * two file forms have distinct tags, so no two (purpose, fileId) pairs share an info string.
 */
export function subkeyInfo(purpose: SubkeyPurpose, fileId?: string): string {
  if (!SUBKEY_PURPOSES.includes(purpose)) throw new Error(`unknown subkey purpose '${String(purpose)}'`);
  if (fileId === undefined) return `sextant/${purpose}`;
  if (fileId.length === 0) throw new Error('a subkey file id must not be empty');
  const plain = `sextant/${purpose}/id:${fileId}`;
  if (Buffer.byteLength(plain, 'utf8') <= MAX_INFO_BYTES) return plain;
  return `sextant/${purpose}/sha256:${createHash('sha256').update(fileId, 'utf8').digest('hex')}`;
}

/** A 32-byte subkey of the data key for one purpose (and one file): HKDF-SHA256, no salt. */
export function deriveSubkey(dek: KeyMaterial, purpose: SubkeyPurpose, fileId?: string): KeyMaterial {
  const info = subkeyInfo(purpose, fileId);
  const derived = Buffer.from(hkdfSync('sha256', dek.bytes, Buffer.alloc(0), info, 32));
  return new KeyMaterial(derived);
}
