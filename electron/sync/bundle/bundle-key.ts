import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { BundleFormatError, type Encryption, type KdfParams } from './bundle-header';

/** scrypt's cost: N = 2^17, r = 8, p = 1 (about 128 MiB and a few hundred ms per derivation). */
export const DEFAULT_KDF = { logN: 17, r: 8, p: 1 } as const;
/** A header asking for more is refused (it would take too much memory to even try). */
const MAX_LOG_N = 20;

export class PassphraseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PassphraseError';
  }
}

export interface BundleKey {
  /** AES-256-GCM key of the chunks. */
  key: Buffer;
  encryption: Encryption;
}

function derive(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  const N = 2 ** kdf.logN;
  const maxmem = 128 * N * kdf.r * (kdf.p + 1) + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFC'), kdf.salt, 64, { N, r: kdf.r, p: kdf.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))));
}

const keyCheckOf = (checkKey: Buffer) => createHmac('sha256', checkKey).update('sextant bundle key check').digest().subarray(0, 16);

/** A new key for a bundle being written: fresh salt and nonce prefix. */
export async function newBundleKey(passphrase: string, cost: Omit<KdfParams, 'salt'> = DEFAULT_KDF): Promise<BundleKey> {
  if (!passphrase) throw new PassphraseError('the passphrase is empty');
  const kdf = { ...cost, salt: randomBytes(16) };
  const material = await derive(passphrase, kdf);
  return { key: material.subarray(0, 32), encryption: { kdf, noncePrefix: randomBytes(4), keyCheck: keyCheckOf(material.subarray(32)) } };
}

/** The key of an encrypted bundle, or a PassphraseError saying the passphrase is missing or wrong. */
export async function unlockBundle(encryption: Encryption, passphrase: string | undefined): Promise<Buffer> {
  if (passphrase === undefined || passphrase === '') throw new PassphraseError('this bundle is encrypted: give its passphrase (--passphrase-env VAR names the environment variable holding it)');
  const { logN, r, p } = encryption.kdf;
  if (logN < 10 || logN > MAX_LOG_N || r < 1 || r > 32 || p < 1 || p > 16) throw new BundleFormatError('the bundle header is damaged (key derivation parameters out of range)');
  const material = await derive(passphrase, encryption.kdf);
  if (!timingSafeEqual(keyCheckOf(material.subarray(32)), encryption.keyCheck)) throw new PassphraseError('wrong passphrase for this bundle');
  return material.subarray(0, 32);
}
