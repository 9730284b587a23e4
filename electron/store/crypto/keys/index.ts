/** The store's keys (issue 12): data key, subkeys, key-encryption keys, the envelope and its header. */
export { KeyMaterial, usingKey } from './key-material';
export { StoreKeyError, type StoreKeyErrorCode } from './key-errors';
export { DATA_KEY_BYTES, SUBKEY_PURPOSES, deriveSubkey, generateDataKey, type SubkeyPurpose } from './subkeys';
export { readKeyFile, writeNewKeyFile } from './key-file';
export { DEFAULT_SCRYPT, type ScryptParams } from './passphrase-kek';
export { keychainUnavailableReason, type OsKeychain } from './os-keychain';
export { ENCRYPTION_HEADER_VERSION, EncryptionHeader, parseEncryptionHeader, type KeyKind } from './encryption-header';
export type { KekSource } from './kek-source';
export { createEncryption, rekey, unlock, type StoreRef } from './store-encryption';
