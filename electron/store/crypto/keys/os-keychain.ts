import { KeyMaterial } from './key-material';
import { StoreKeyError } from './key-errors';

/**
 * The part of Electron's safeStorage the platform-managed key needs. Passed in by the app
 * (`safeStorage` fits as is); nothing under electron/store imports electron.
 */
export interface OsKeychain {
  isEncryptionAvailable(): boolean;
  /** Linux only: which backend encrypts ('basic_text' is a fixed key, i.e. no real protection). */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Why the OS keychain cannot protect a key here, or null when it can. Never falls back silently:
 * Linux without a secret service ('basic_text') counts as unavailable.
 */
export function keychainUnavailableReason(keychain: OsKeychain, platform: NodeJS.Platform = process.platform): string | null {
  if (!keychain.isEncryptionAvailable()) return 'this system offers no keychain to protect the store key with';
  if (platform === 'linux' && keychain.getSelectedStorageBackend?.() === 'basic_text') {
    return 'no secret service (GNOME Keyring, KWallet) is running, so the keychain would protect nothing';
  }
  return null;
}

/** Seals a key-encryption key with the keychain (safeStorage takes strings: the key goes as hex). */
export function sealWithKeychain(keychain: OsKeychain, kek: KeyMaterial, storeDir: string, platform?: NodeJS.Platform): Buffer {
  const reason = keychainUnavailableReason(keychain, platform);
  if (reason) throw new StoreKeyError('keychain-unavailable', `cannot protect store ${storeDir} with the OS keychain: ${reason}; use a passphrase or a key file instead`);
  return keychain.encryptString(kek.bytes.toString('hex'));
}

/** Opens a keychain-sealed key-encryption key; a keychain that cannot is a wrong key, not damage. */
export function openWithKeychain(keychain: OsKeychain, sealed: Buffer, storeDir: string, platform?: NodeJS.Platform): KeyMaterial {
  const reason = keychainUnavailableReason(keychain, platform);
  if (reason) throw new StoreKeyError('keychain-unavailable', `store ${storeDir} is protected by an OS keychain, but ${reason}`);
  const notHere = () => new StoreKeyError('wrong-key', `this computer's keychain does not hold the key of store ${storeDir} (it was encrypted by the keychain of another computer or user)`);
  let hex: string;
  try {
    hex = keychain.decryptString(sealed);
  } catch {
    throw notHere();
  }
  if (!/^[0-9a-f]{64}$/.test(hex)) throw notHere();
  const kek = Buffer.alloc(32);
  kek.write(hex, 'hex');
  return new KeyMaterial(kek);
}
