import { KeyMaterial } from './key-material';
import { StoreKeyError } from './key-errors';
import type { EncryptionHeader, KeyKind } from './encryption-header';
import { readKeyFile } from './key-file';
import { openWithKeychain, sealWithKeychain, type OsKeychain } from './os-keychain';
import { DEFAULT_SCRYPT, derivePassphraseKek, newScryptSalt, type ScryptParams } from './passphrase-kek';

/** Where a key-encryption key (KEK) comes from. */
export type KekSource =
  | { kind: 'key-file'; path: string }
  /** `scrypt` applies when wrapping (create, rekey); unlocking uses the header's parameters. */
  | { kind: 'passphrase'; passphrase: string; scrypt?: ScryptParams }
  | { kind: 'os-keychain'; keychain: OsKeychain; platform?: NodeJS.Platform };

/** The header fields particular to a kind of key. */
export type KindFields =
  | { keyKind: 'key-file' }
  | { keyKind: 'passphrase'; kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string } }
  | { keyKind: 'os-keychain'; keychainKek: string };

const KIND_PHRASE: Record<KeyKind, string> = { 'key-file': 'a key file', passphrase: 'a passphrase', 'os-keychain': 'the OS keychain' };
const HOW_TO_UNLOCK: Record<KeyKind, string> = {
  'key-file': 'pass --key-file FILE',
  passphrase: 'enter its passphrase to unlock it',
  'os-keychain': 'open it in the Sextant app, as the user and on the computer that created it',
};

/** "store X is encrypted with a key file[, not a passphrase]; pass --key-file FILE". */
export function missingKey(header: EncryptionHeader, given: KekSource | undefined, storeDir: string): StoreKeyError {
  const not = given ? `, not ${KIND_PHRASE[given.kind]}` : '';
  return new StoreKeyError('key-missing', `store ${storeDir} is encrypted with ${KIND_PHRASE[header.keyKind]}${not}; ${HOW_TO_UNLOCK[header.keyKind]}`);
}

/** "the key in FILE does not open store X", and the like. */
export function wrongKey(source: KekSource, storeDir: string): StoreKeyError {
  const what =
    source.kind === 'key-file'
      ? `the key in ${source.path} does not open store ${storeDir}`
      : source.kind === 'passphrase'
        ? `the passphrase does not open store ${storeDir}`
        : `this computer's keychain does not hold the key of store ${storeDir}`;
  return new StoreKeyError('wrong-key', what);
}

/** A fresh KEK from `source` and the header fields that let it be made again. */
export async function newKek(source: KekSource, storeDir: string): Promise<{ kek: KeyMaterial; fields: KindFields }> {
  switch (source.kind) {
    case 'key-file':
      return { kek: readKeyFile(source.path), fields: { keyKind: 'key-file' } };
    case 'passphrase': {
      const params = source.scrypt ?? DEFAULT_SCRYPT;
      const salt = newScryptSalt();
      const kek = await derivePassphraseKek(source.passphrase, salt, params);
      return { kek, fields: { keyKind: 'passphrase', kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') } } };
    }
    case 'os-keychain': {
      const kek = KeyMaterial.random(32);
      try {
        const sealed = sealWithKeychain(source.keychain, kek, storeDir, source.platform);
        return { kek, fields: { keyKind: 'os-keychain', keychainKek: sealed.toString('base64') } };
      } catch (err) {
        kek.dispose();
        throw err;
      }
    }
  }
}

/** The KEK a header was wrapped with, made again from `source` (whose kind must match). */
export async function kekForHeader(header: EncryptionHeader, source: KekSource | undefined, storeDir: string): Promise<KeyMaterial> {
  if (!source || source.kind !== header.keyKind) throw missingKey(header, source, storeDir);
  if (source.kind === 'key-file') return readKeyFile(source.path);
  if (source.kind === 'passphrase' && header.keyKind === 'passphrase') {
    const { N, r, p, salt } = header.kdf;
    return derivePassphraseKek(source.passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  }
  if (source.kind === 'os-keychain' && header.keyKind === 'os-keychain') {
    return openWithKeychain(source.keychain, Buffer.from(header.keychainKek, 'base64'), storeDir, source.platform);
  }
  throw missingKey(header, source, storeDir);
}
