import { randomBytes } from 'node:crypto';
import { computeKeyCheck, unwrapDataKey, verifyKeyCheck, wrapDataKey } from './envelope';
import { ENCRYPTION_HEADER_VERSION, parseEncryptionHeader, withDigest, type EncryptionHeader } from './encryption-header';
import { kekForHeader, newKek, wrongKey, type KekSource } from './kek-source';
import { StoreKeyError } from './key-errors';
import type { KeyMaterial } from './key-material';
import { generateDataKey } from './subkeys';

/** Which store a header belongs to: its id is bound into the wrap; its folder names it in errors. */
export interface StoreRef {
  storeId: string;
  storeDir: string;
}

/** Wraps `dek` under a new KEK from `source`: a new key id, nonce (and salt), same data key. */
async function wrapHeader({ storeId, storeDir }: StoreRef, dek: KeyMaterial, source: KekSource): Promise<EncryptionHeader> {
  const { kek, fields } = await newKek(source, storeDir);
  try {
    const keyId = randomBytes(16).toString('base64url');
    const wrapped = wrapDataKey(kek, dek, { version: ENCRYPTION_HEADER_VERSION, storeId, keyId, keyKind: fields.keyKind });
    return withDigest({
      version: ENCRYPTION_HEADER_VERSION,
      cipher: 'aes-256-gcm',
      keyId,
      wrappedKey: wrapped.toString('base64'),
      keyCheck: computeKeyCheck(dek, storeId).toString('base64'),
      ...fields,
    });
  } finally {
    kek.dispose();
  }
}

/** A new store's data key and the header that keeps it, wrapped by `source`. Dispose of the dek when done. */
export async function createEncryption(store: StoreRef, source: KekSource): Promise<{ header: EncryptionHeader; dek: KeyMaterial }> {
  const dek = generateDataKey();
  try {
    return { header: await wrapHeader(store, dek, source), dek };
  } catch (err) {
    dek.dispose();
    throw err;
  }
}

/**
 * The data key of an encrypted store. Refuses, with a StoreKeyError naming the store: no key or
 * a key of another kind ('key-missing'), a key that does not unwrap ('wrong-key'), a header
 * that does not parse or whose key check fails once unwrapped ('key-header-damaged').
 */
export async function unlock(store: StoreRef & { header: unknown }, source: KekSource | undefined): Promise<KeyMaterial> {
  const header = parseEncryptionHeader(store.header, store.storeDir);
  const kek = await kekForHeader(header, source, store.storeDir);
  let dek: KeyMaterial | null;
  try {
    dek = unwrapDataKey(kek, Buffer.from(header.wrappedKey, 'base64'), { version: header.version, storeId: store.storeId, keyId: header.keyId, keyKind: header.keyKind });
  } finally {
    kek.dispose();
  }
  if (!dek) throw wrongKey(source!, store.storeDir);
  if (!verifyKeyCheck(dek, store.storeId, Buffer.from(header.keyCheck, 'base64'))) {
    dek.dispose();
    throw new StoreKeyError('key-header-damaged', `store ${store.storeDir}'s key header is damaged (the key opens it, but its key check does not match); restore store.json from a backup`);
  }
  return dek;
}

/**
 * A new header wrapping the same data key under a KEK from `source` (any kind): the data is not
 * rewritten. `dek` must be this store's (checked against the header's key check first).
 */
export async function rekey(store: StoreRef & { header: unknown }, dek: KeyMaterial, source: KekSource): Promise<EncryptionHeader> {
  const header = parseEncryptionHeader(store.header, store.storeDir);
  if (!verifyKeyCheck(dek, store.storeId, Buffer.from(header.keyCheck, 'base64'))) {
    throw new Error(`rekey of store ${store.storeDir} was given a data key that is not the store's`);
  }
  return wrapHeader(store, dek, source);
}
