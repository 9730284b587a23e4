import { randomBytes, scrypt } from 'node:crypto';
import { KeyMaterial } from './key-material';
import { StoreKeyError } from './key-errors';

/** scrypt's cost, recorded in the key header so later versions can raise it for new wraps. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** N=2^17, r=8, p=1: 128 MiB and a fraction of a second per unlock (OWASP's scrypt floor). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
export const SCRYPT_SALT_BYTES = 16;
const KEK_BYTES = 32;

/** Bounds a key header may ask for: enough to raise the cost later, not enough to exhaust memory. */
export const SCRYPT_LIMITS = { minLogN: 10, maxLogN: 20, maxR: 32, maxP: 16, maxMemoryBytes: 1024 * 1024 * 1024 } as const;

/** The memory scrypt needs at these parameters (OpenSSL's own formula), in bytes. */
export function scryptMemoryBytes({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + p + 2);
}

export function newScryptSalt(): Buffer {
  return randomBytes(SCRYPT_SALT_BYTES);
}

/**
 * The key-encryption key from a passphrase: scrypt(NFC(passphrase), salt) at `params`. Runs on
 * libuv's pool, not the event loop. maxmem is set from the parameters (node's default of 32 MiB
 * is below what N=2^17, r=8 needs).
 */
export function derivePassphraseKek(passphrase: string, salt: Buffer, params: ScryptParams): Promise<KeyMaterial> {
  if (passphrase.length === 0) return Promise.reject(new StoreKeyError('passphrase-refused', 'the passphrase is empty; a store passphrase cannot be empty'));
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  const maxmem = scryptMemoryBytes(params) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEK_BYTES, { ...params, maxmem }, (err, derived) => {
      secret.fill(0);
      if (err) reject(new Error(`scrypt failed at N=${params.N}, r=${params.r}, p=${params.p} (${err.message})`));
      else resolve(new KeyMaterial(derived));
    });
  });
}
