import { basename } from 'node:path';
import type { CurrentStoreKey, NewStoreKey } from '../../shared/ipc/store-contract';
import type { StoreHolder, StoreKeyKind } from '../../shared/ipc/store-types';
import type { KekSource } from '../store/crypto/keys/kek-source';
import { StoreKeyError } from '../store/crypto/keys/key-errors';
import { keychainUnavailableReason, type OsKeychain } from '../store/crypto/keys/os-keychain';
import type { ScryptParams } from '../store/crypto/keys/passphrase-kek';
import type { Manifest } from '../store/manifest';
import { StoreOpenError } from '../store/store-errors';
import { KeyAttempts } from './key-attempts';
import { errorSentence, refuse } from './session-errors';

/** Whether the store is encrypted, and with what kind of key. */
export interface StoreKind {
  encrypted: boolean;
  keyKind: StoreKeyKind | null;
}

export function kindOf(m: Manifest): StoreKind {
  return m.encryption ? { encrypted: true, keyKind: m.encryption.keyKind } : { encrypted: false, keyKind: null };
}

/** What the session keeps of the key the store opened with: not a passphrase (a decrypt or rekey asks for it again). */
export function keptKey(key: KekSource | undefined): KekSource | undefined {
  return key?.kind === 'passphrase' ? undefined : key;
}

export interface SessionKeysDeps {
  dir: string;
  holder: StoreHolder;
  /** The desktop app's OS keychain (Electron's safeStorage); none headless. */
  keychain?: OsKeychain;
  platform?: NodeJS.Platform;
  /** scrypt parameters for new passphrase wraps (default: the store's default). */
  scrypt?: ScryptParams;
  /** Throws (StoreKeyError) unless `key` opens the store as store.json has it now. */
  checkKey(key: KekSource): Promise<void>;
  /** Checks a key file (readKeyFile) and writes a new one (writeNewKeyFile). */
  keyFiles: { check(path: string): void; generate(path: string): void };
  log(msg: string): void;
  /** Waits (the growing wait after a wrong key). */
  sleep(ms: number): Promise<void>;
}

/**
 * The store session's keys: which keys can be made here (the OS keychain, a passphrase, a key
 * file), the key a person asks for checked before the store is touched, the current key a decrypt
 * or rekey must be proven with, and the ever slower answer to wrong ones (KeyAttempts).
 */
export class SessionKeys {
  private readonly attempts: KeyAttempts;

  constructor(private readonly deps: SessionKeysDeps) {
    this.attempts = new KeyAttempts(deps.sleep);
  }

  /** Why the OS keychain cannot protect a store here, or null when it can. */
  keychainReason(): string | null {
    if (!this.deps.keychain) return this.deps.holder === 'serve' ? 'sextant serve has no OS keychain' : 'no OS keychain was given';
    return keychainUnavailableReason(this.deps.keychain, this.deps.platform);
  }

  keychainKey(): KekSource {
    return { kind: 'os-keychain', keychain: this.deps.keychain!, ...(this.deps.platform ? { platform: this.deps.platform } : {}) };
  }

  passphraseKey(passphrase: string): KekSource {
    return { kind: 'passphrase', passphrase, ...(this.deps.scrypt ? { scrypt: this.deps.scrypt } : {}) };
  }

  /** The key a person asked for, checked before the store is touched (a key file made first when asked). */
  newKey(k: NewStoreKey): KekSource {
    if (k.kind === 'passphrase') return this.passphraseKey(k.passphrase);
    if (k.kind === 'os-keychain') {
      const reason = this.keychainReason();
      if (reason !== null) throw refuse(`cannot protect store ${this.deps.dir} with the OS keychain: ${reason}; use a passphrase or a key file instead`);
      return this.keychainKey();
    }
    try {
      if (k.generate) this.deps.keyFiles.generate(k.path);
      this.deps.keyFiles.check(k.path);
    } catch (err) {
      throw refuse(errorSentence(err));
    }
    return { kind: 'key-file', path: k.path };
  }

  /**
   * The key a decrypt or rekey is made with, once the person proved they may: the current
   * passphrase or key file, checked against the key header as it is now (a rekey the CLI handed
   * over may have changed it); for an OS-keychain store, which has no secret to ask for, the
   * store's folder name typed, and the key the store was opened with (`held`) must still open it.
   */
  async provenKey(current: CurrentStoreKey, what: 'decrypt' | 'rekey', kind: StoreKeyKind | null, held: KekSource | undefined): Promise<KekSource> {
    const dir = this.deps.dir;
    const doing = what === 'decrypt' ? 'decrypt it' : 'change its key';
    if (kind === 'os-keychain' || !kind) {
      const name = basename(dir);
      if (!('folderName' in current) || current.folderName.trim() !== name) throw refuse(`to ${doing}, type the name of store ${dir}'s folder (${name}) exactly`);
      if (!held) throw refuse(`store ${dir} cannot be ${what === 'decrypt' ? 'decrypted' : 'rekeyed'} now: reopen it first`);
      await this.stillOpens(held);
      return held;
    }
    let key: KekSource;
    if (kind === 'passphrase') {
      if (!('passphrase' in current)) throw refuse(`store ${dir} is encrypted with a passphrase: enter its current passphrase to ${doing}`);
      key = this.passphraseKey(current.passphrase);
    } else {
      if (!('keyFile' in current)) throw refuse(`store ${dir} is encrypted with a key file: give its current key file to ${doing}`);
      key = { kind: 'key-file', path: current.keyFile };
    }
    try {
      await this.deps.checkKey(key);
    } catch (err) {
      if (err instanceof StoreKeyError && err.code === 'wrong-key') await this.wrongKey(kind);
      if (err instanceof StoreOpenError) throw refuse(errorSentence(err));
      throw err;
    }
    this.attempts.succeeded();
    return key;
  }

  /** A wrong passphrase or key: the refusal waits, longer after each one in a row. Never logs what was given. */
  async wrongKey(kind: StoreKeyKind): Promise<void> {
    const ms = await this.attempts.failed();
    this.deps.log(`a wrong ${kind === 'passphrase' ? 'passphrase' : 'key'} was given for store ${this.deps.dir} (${this.attempts.wrongInARow} in a row); its refusal waited ${(ms / 1000).toFixed(1)} s`);
  }

  /** A right key: the next wrong one waits the shortest again. */
  rightKey(): void {
    this.attempts.succeeded();
  }

  /** The key the store was opened with may have been rotated since (a rekey the CLI handed over). */
  private async stillOpens(key: KekSource): Promise<void> {
    try {
      await this.deps.checkKey(key);
    } catch (err) {
      if (!(err instanceof StoreOpenError)) throw err;
      throw refuse(`store ${this.deps.dir} no longer opens with the key it was opened with (its key was changed meanwhile, e.g. by sextant store rekey); reopen it with its current key first`);
    }
  }
}
