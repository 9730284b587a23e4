import { openRecord, sealRecord } from '../store/crypto/sealed/sealed-record';
import type { StoreKeys } from '../store/crypto/store-keys';

/**
 * A remote's password or token kept inside an encrypted store (issue 12): AES-256-GCM under the
 * store's 'secrets' subkey (HKDF of its data key, used for nothing else), bound to the store's id
 * and the remote's name, so a sealed secret copied to another remote or another store does not
 * open. It is kept where the remote row names the variable its secret comes from, as a reference
 * no variable name can look like (`sealed:v1:<base64url>`): written by the remote's own op,
 * removed with the remote, carried by a rekey (the data key does not change). The store's journal
 * and snapshots are sealed too, so the secret is under two layers of the store's keys on disk, and
 * a listing or a dump of the database shows ciphertext only.
 */
const PREFIX = 'sealed:v1:';
const DOMAIN = 'sextant remote secret v1';
/** Longest secret kept (the contract takes 16 KiB from the app). */
export const MAX_SECRET_BYTES = 16_384;

/** The store a secret is sealed in: its keys (null for a plain store, which keeps none) and its id. */
export interface SecretStore {
  readonly keys: StoreKeys | null;
  readonly id: string;
}

/** Why a kept secret does not open; never carries the secret or any key. */
export class SealedSecretError extends Error {
  override name = 'SealedSecretError';
}

export const isSealedSecretRef = (ref: string): boolean => ref.startsWith(PREFIX);

/** A sealed reference as listings show it (no sealed bytes); anything else as it is. */
export const maskSealedRef = (ref: string): string => (isSealedSecretRef(ref) ? `${PREFIX}********` : ref);

/** Length-prefixed fields under a fixed label, so no two (store, remote) pairs encode alike. */
function additionalData(storeId: string, remote: string): Buffer {
  const parts = [DOMAIN, storeId, remote].map((s) => Buffer.from(s, 'utf8'));
  return Buffer.concat(
    parts.flatMap((b) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length);
      return [len, b];
    }),
  );
}

/** Seals `secret` for `remote` in an encrypted store; refuses a plain store. */
export function sealRemoteSecret(store: SecretStore, remote: string, secret: string): string {
  if (!store.keys) throw new SealedSecretError('this store is not encrypted, so it cannot keep a password or token');
  const plain = Buffer.from(secret, 'utf8');
  try {
    if (plain.length === 0 || plain.length > MAX_SECRET_BYTES) throw new SealedSecretError(`a password or token is 1 to ${MAX_SECRET_BYTES} bytes`);
    return PREFIX + sealRecord(store.keys.secrets(), additionalData(store.id, remote), plain).toString('base64url');
  } finally {
    plain.fill(0);
  }
}

/** Opens the secret `ref` keeps for `remote`; a SealedSecretError naming the remote when it cannot. */
export function openRemoteSecret(store: SecretStore, remote: string, ref: string): string {
  if (!isSealedSecretRef(ref)) throw new SealedSecretError(`remote '${remote}' has no secret kept in the store`);
  if (!store.keys) {
    throw new SealedSecretError(
      `remote '${remote}' had its password or token kept in the encrypted store, but the store is not encrypted any more and a plain store cannot keep it: enter it again, or name an environment variable`,
    );
  }
  const sealed = Buffer.from(ref.slice(PREFIX.length), 'base64url');
  let plain: Buffer;
  try {
    plain = openRecord(store.keys.secrets(), additionalData(store.id, remote), sealed);
  } catch {
    throw new SealedSecretError(`the password or token kept in the store for remote '${remote}' is damaged or was sealed for another remote or store: enter it again`);
  }
  try {
    return plain.toString('utf8');
  } finally {
    plain.fill(0);
  }
}
