import { mkdirSync } from 'node:fs';
import { MlflowError } from '../../shared/domain/mlflow-error';
import type { CurrentStoreKey, NewStoreKey } from '../../shared/ipc/store-contract';
import type { StoreConversionAction, StoreHolder, StoreState, StoreStatus } from '../../shared/ipc/store-types';
import type { KekSource } from '../store/crypto/keys/kek-source';
import { StoreKeyError } from '../store/crypto/keys/key-errors';
import type { OsKeychain } from '../store/crypto/keys/os-keychain';
import type { ScryptParams } from '../store/crypto/keys/passphrase-kek';
import type { ConvertRequest, ConvertResult } from '../store/convert/convert-store';
import type { Manifest } from '../store/manifest';
import { StoreOpenError } from '../store/store-errors';
import { acquireStoreLock } from '../store/store-lock';
import { refuseJobsWith } from '../jobs/job-host';
import { ConversionTracker } from './conversion-tracker';
import type { StoreControl } from './store-control';
import { handOffRefusalSentence, unavailableSentence } from './gate-sentences';
import { realSleep } from './key-attempts';
import { runConversion, runRekey } from './session-conversion';
import { errorSentence, refuse } from './session-errors';
import { keptKey, kindOf, SessionKeys, type StoreKind } from './session-keys';
import { SessionLock, type TakeStoreLock } from './session-lock';
import { createThrottle, type Throttle } from '../jobs/throttle';

/** What the session needs of an open store (the served store: Store plus its services and jobs). */
export interface SessionStore {
  rekey(from: KekSource, to: KekSource): Promise<void>;
  /** Runs on the open store right before it is closed to be converted (decrypt: its kept secrets leave it). */
  beforeConvert?(to: 'encrypted' | 'plain', note: (line: string) => void): Promise<void>;
  /** How many long jobs (push, pull, …) are running: a conversion waits for none. */
  runningJobs(): number;
  close(): Promise<void>;
}

export interface OpenRequest<S extends SessionStore = SessionStore> {
  key?: KekSource;
  /** For a new store: create it encrypted (true) or plain (false). */
  encrypt?: boolean;
  /**
   * The store's lock, held by the session (from its start, also while locked): the store opens
   * under it (StoreOptions.lock) rather than taking the lock anew, so no other process can slip in.
   */
  lock?: SessionLock;
  /** The store open before (closed now, e.g. by a conversion): what should outlive a reopen is read from it. */
  previous?: S;
}

export interface StoreSessionDeps<S extends SessionStore> {
  dir: string;
  holder: StoreHolder;
  /** The desktop app's OS keychain (Electron's safeStorage); none headless. */
  keychain?: OsKeychain;
  platform?: NodeJS.Platform;
  /** The key given at start (`sextant serve --key-file`): the store opens with it or the start fails, as before. */
  startKey?: KekSource;
  /** scrypt parameters for new passphrase wraps (default: the store's default; tests pass cheap ones). */
  scrypt?: ScryptParams;
  open(req: OpenRequest<S>): Promise<S>;
  /** Converts the closed store (convertStore). */
  convert(req: ConvertRequest): Promise<ConvertResult>;
  readManifest(dir: string): Manifest | null;
  /** Finishes a conversion's swap a kill interrupted (before the store's kind is read). */
  finishInterruptedSwap(dir: string): Promise<unknown>;
  /** Throws (StoreKeyError) unless `key` opens the store as store.json has it now. */
  checkKey(key: KekSource): Promise<void>;
  /** Checks a key file (readKeyFile) and writes a new one (writeNewKeyFile). */
  keyFiles: { check(path: string): void; generate(path: string): void };
  log(msg: string): void;
  now?: () => number;
  /** Takes the store's one-writer lock (default: acquireStoreLock, the folder made first). */
  takeLock?: TakeStoreLock;
  /** Waits (the growing wait after a wrong key; tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
}

const takeStoreLock: TakeStoreLock = (dir, onConnection) => {
  mkdirSync(dir, { recursive: true });
  return acquireStoreLock(dir, { onConnection });
};

/** Least time between two `store.changed` for a conversion's progress. */
const PROGRESS_EVERY_MS = 250;

type StatusListener = (status: StoreStatus) => void;
type StoreListener<S> = (store: S | null) => void;

/**
 * The store as the process holding it (the desktop app, `sextant serve`) has it: locked,
 * waiting for a choice of protection, open, or being converted. Only `open` has a store; in the
 * other states the server keeps listening and answers with `unavailable()`.
 *
 * The session holds the store's one-writer lock from its start to its end, whatever the state
 * (a conversion lets it go to the converter, which takes it itself). A decrypt or rekey first asks
 * for the current key (CurrentStoreKey); wrong keys are answered ever more slowly (KeyAttempts).
 * Keys live here only in memory: a key file's path or the OS keychain the store was opened with;
 * a passphrase is not kept once the store is open (a decrypt or rekey asks for it again).
 */
export class StoreSession<S extends SessionStore> implements StoreControl {
  private state: StoreState = 'locked';
  private opened: S | null = null;
  /** The store last open (kept after it closed: its ended jobs are still listed after a reopen). */
  private lastOpened: S | null = null;
  private key: KekSource | undefined;
  private kind: StoreKind = { encrypted: false, keyKind: null };
  private conversion: ConversionTracker | null = null;
  private conversionDone: Promise<void> = Promise.resolve();
  private lastError: string | undefined;
  private busy = false;
  private closed = false;
  private statusListeners = new Set<StatusListener>();
  private storeListeners = new Set<StoreListener<S>>();
  private progressThrottle: Throttle;
  private readonly now: () => number;
  private readonly lock: SessionLock;
  private readonly keys: SessionKeys;

  constructor(private readonly deps: StoreSessionDeps<S>) {
    this.now = deps.now ?? Date.now;
    this.lock = new SessionLock(deps.dir, deps.takeLock ?? takeStoreLock, refuseJobsWith(() => this.handOffRefusal()));
    this.keys = new SessionKeys({
      dir: deps.dir,
      holder: deps.holder,
      ...(deps.keychain ? { keychain: deps.keychain } : {}),
      ...(deps.platform ? { platform: deps.platform } : {}),
      ...(deps.scrypt ? { scrypt: deps.scrypt } : {}),
      checkKey: (key) => deps.checkKey(key),
      keyFiles: deps.keyFiles,
      log: (msg) => deps.log(msg),
      sleep: deps.sleep ?? realSleep,
    });
    this.progressThrottle = createThrottle(PROGRESS_EVERY_MS, () => this.emitStatus(), this.now);
  }

  /** The open store, or null. */
  get store(): S | null {
    return this.opened;
  }

  /** Status changes (`store.changed`). */
  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** The store opened (a store) or closed (null): the server attaches or detaches its services. */
  onStore(listener: StoreListener<S>): () => void {
    this.storeListeners.add(listener);
    return () => this.storeListeners.delete(listener);
  }

  /**
   * Opens the store when nothing is needed from a person: a plain store, one whose key was given,
   * an OS-keychain store in the app, a new store (in the app encrypted with the OS keychain when
   * it can protect the key). Otherwise the session waits: `locked` or `needs-protection`. Errors
   * that no person can fix from the UI (a damaged store, a wrong key given at start, a store held
   * by another process) are thrown, as a start always did.
   */
  async start(): Promise<StoreStatus> {
    const { dir } = this.deps;
    await this.deps.finishInterruptedSwap(dir);
    // The lock first: whatever the store waits for (a passphrase, a choice), no other process opens it meanwhile.
    await this.lock.take();
    try {
      return await this.startHoldingLock();
    } catch (err) {
      await this.lock.letGo(); // a start that fails leaves the store to others, as an open that failed did
      throw err;
    }
  }

  private async startHoldingLock(): Promise<StoreStatus> {
    const { dir } = this.deps;
    const manifest = this.deps.readManifest(dir);
    const startKey = this.deps.startKey;
    if (!manifest) {
      // Without a keychain to ask (headless, tests) a new store is plain unless given a key, as always.
      if (startKey || !this.deps.keychain) return this.openWith(startKey, startKey ? true : undefined, 'throw');
      const reason = this.keys.keychainReason();
      if (reason === null) return this.openWith(this.keys.keychainKey(), true, 'throw');
      this.setState('needs-protection');
      this.deps.log(`store ${dir} is new and the OS keychain cannot protect it (${reason}): waiting for a choice in the window`);
      return this.status();
    }
    this.kind = kindOf(manifest);
    const header = manifest.encryption;
    if (!header || startKey) return this.openWith(startKey, undefined, 'throw');
    // Headless, a key-file store without its --key-file is refused at once, as always (an operator's
    // missing flag); in the app it waits for a key file to be chosen.
    if (header.keyKind === 'key-file' && this.deps.holder === 'serve') return this.openWith(undefined, undefined, 'throw');
    if (header.keyKind === 'os-keychain') {
      if (!this.deps.keychain) return this.openWith(undefined, undefined, 'throw'); // refused: "open it in the Sextant app"
      return this.openWith(this.keys.keychainKey(), undefined, 'lock');
    }
    this.setState('locked');
    return this.status();
  }

  status(): StoreStatus {
    const reason = this.keys.keychainReason();
    return {
      path: this.deps.dir,
      state: this.state,
      encrypted: this.kind.encrypted,
      keyKind: this.kind.keyKind,
      keychain: { available: reason === null, reason },
      holder: this.deps.holder,
      ...(this.conversion ? { conversion: this.conversion.snapshot() } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** The sentence the server answers with while the store is not open. */
  unavailable(): string {
    if (this.state === 'open') return `store ${this.deps.dir} is open`;
    return unavailableSentence(this.deps.dir, this.state, this.deps.holder, this.conversion?.snapshot().action);
  }

  async unlock(input: { passphrase: string } | { keyFile: string }): Promise<StoreStatus> {
    if (this.state !== 'locked') throw refuse(`store ${this.deps.dir} is not locked (it is ${this.state})`);
    const key: KekSource = 'passphrase' in input ? { kind: 'passphrase', passphrase: input.passphrase } : { kind: 'key-file', path: input.keyFile };
    return this.exclusive(() => this.openWith(key, undefined, 'refuse'));
  }

  async protect(input: { with: 'passphrase'; passphrase: string } | { with: 'none' }): Promise<StoreStatus> {
    if (this.state !== 'needs-protection') throw refuse(`store ${this.deps.dir} already exists; encrypt or decrypt it from the store settings instead`);
    return this.exclusive(() => (input.with === 'none' ? this.openWith(undefined, false, 'refuse') : this.openWith(this.keys.passphraseKey(input.passphrase), true, 'refuse')));
  }

  async encrypt(newKey: NewStoreKey): Promise<StoreStatus> {
    this.mustBeOpen('encrypt');
    if (this.kind.encrypted) throw refuse(`store ${this.deps.dir} is already encrypted; to change its key, rekey it`);
    return this.exclusive(async () => {
      const key = this.keys.newKey(newKey);
      this.startConversion('encrypt', key);
      return this.status();
    });
  }

  async decrypt(current: CurrentStoreKey): Promise<StoreStatus> {
    this.mustBeOpen('decrypt');
    if (!this.kind.encrypted) throw refuse(`store ${this.deps.dir} is not encrypted; nothing to decrypt`);
    return this.exclusive(async () => {
      const key = await this.keys.provenKey(current, 'decrypt', this.kind.keyKind, this.key);
      this.startConversion('decrypt', key);
      return this.status();
    });
  }

  async rekey(newKey: NewStoreKey, current: CurrentStoreKey): Promise<StoreStatus> {
    this.mustBeOpen('rekey');
    if (!this.kind.encrypted) throw refuse(`store ${this.deps.dir} is not encrypted, so it has no key to change; encrypt it instead`);
    return this.exclusive(async () => {
      const from = await this.keys.provenKey(current, 'rekey', this.kind.keyKind, this.key);
      const to = this.keys.newKey(newKey);
      const store = this.opened!;
      const tracker = new ConversionTracker('rekey', to.kind, { cancellable: false, now: this.now });
      this.conversion = tracker;
      this.lastError = undefined;
      this.emitStatus();
      this.conversionDone = (async () => {
        const failed = await runRekey(store, from, to, tracker, this.deps.dir);
        if (failed === null) {
          this.key = keptKey(to);
          this.kind = { encrypted: true, keyKind: to.kind };
        } else this.lastError = failed;
        this.emitStatus();
      })();
      return this.status();
    });
  }

  cancelConversion(): StoreStatus {
    const c = this.conversion;
    if (!c?.running) throw refuse(`no conversion of store ${this.deps.dir} is running`);
    if (!c.cancel()) throw refuse(`the conversion of store ${this.deps.dir} can no longer be cancelled: it is being swapped in`);
    c.line('cancelling…');
    this.emitStatus();
    return this.status();
  }

  /** Waits for a conversion to end (a cancellable one is cancelled first), then closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    this.conversion?.cancel();
    await this.conversionDone;
    this.progressThrottle.cancel();
    const store = this.opened;
    this.opened = null;
    try {
      if (store) {
        this.emitStore(null);
        await store.close();
      }
    } finally {
      await this.lock.letGo();
    }
  }

  /** Resolves when the running conversion (if any) has ended and the store is back. */
  settled(): Promise<void> {
    return this.conversionDone;
  }

  // --- inner workings ---

  private handOffRefusal(): string {
    return handOffRefusalSentence(this.deps.dir, this.state, this.deps.holder, this.conversion?.snapshot().action);
  }

  private mustBeOpen(what: StoreConversionAction): void {
    if (this.state !== 'open' || !this.opened) throw refuse(`store ${this.deps.dir} cannot be ${what === 'rekey' ? 'rekeyed' : `${what}ed`} now: it is ${this.state}`);
    if (this.conversion?.running) throw refuse(`store ${this.deps.dir} is already being converted; wait for that to finish`);
    const jobs = this.opened.runningJobs();
    if (jobs > 0 && what !== 'rekey') throw refuse(`${jobs} job${jobs === 1 ? ' is' : 's are'} running on store ${this.deps.dir}; wait for ${jobs === 1 ? 'it' : 'them'} to finish or cancel ${jobs === 1 ? 'it' : 'them'} first`);
  }

  /** One unlock, protect or conversion start at a time. */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy) throw refuse(`store ${this.deps.dir} is busy with another request; try again in a moment`);
    if (this.closed) throw new MlflowError('TEMPORARILY_UNAVAILABLE', `store ${this.deps.dir} is closing`);
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }

  /**
   * Opens the store with `key`. On failure, `onError` says what follows: 'throw' as is (a start),
   * 'refuse' as one sentence to the caller (a wrong passphrase: the store stays as it was),
   * 'lock' into the locked state with the sentence as lastError.
   */
  private async openWith(key: KekSource | undefined, encrypt: boolean | undefined, onError: 'throw' | 'refuse' | 'lock'): Promise<StoreStatus> {
    let store: S;
    try {
      await this.lock.take();
      store = await this.deps.open({ ...(key ? { key } : {}), ...(encrypt !== undefined ? { encrypt } : {}), lock: this.lock, ...(this.lastOpened ? { previous: this.lastOpened } : {}) });
    } catch (err) {
      if (onError === 'throw') throw err;
      const sentence = errorSentence(err);
      if (onError === 'refuse') {
        if (err instanceof StoreKeyError && err.code === 'wrong-key' && key) await this.keys.wrongKey(key.kind);
        if (err instanceof StoreOpenError) throw refuse(sentence);
        this.deps.log(`opening store ${this.deps.dir} failed: ${(err as Error)?.stack ?? sentence}`);
        throw err;
      }
      this.lastError = sentence;
      // Waiting locked, the session keeps (or takes back) the lock: an open that let it go may have failed after.
      await this.lock.take().catch((e: unknown) => this.deps.log(`store ${this.deps.dir} is not locked against other processes: ${errorSentence(e)}`));
      this.setState('locked');
      return this.status();
    }
    this.keys.rightKey();
    this.opened = this.lastOpened = store;
    this.key = keptKey(key);
    const manifest = this.deps.readManifest(this.deps.dir);
    this.kind = manifest ? kindOf(manifest) : { encrypted: false, keyKind: null };
    this.lastError = undefined;
    this.state = 'open';
    this.emitStore(store);
    this.emitStatus();
    return this.status();
  }

  /** Encrypt or decrypt: close the store, convert it beside itself, reopen it with the key it now has. */
  private startConversion(action: 'encrypt' | 'decrypt', key: KekSource): void {
    const store = this.opened!;
    const tracker = new ConversionTracker(action, action === 'encrypt' ? key.kind : null, { cancellable: true, now: this.now });
    this.conversion = tracker;
    this.lastError = undefined;
    this.opened = null;
    this.state = 'converting';
    this.emitStore(null);
    this.emitStatus();
    this.conversionDone = (async () => {
      const { outcome, keyNow } = await runConversion({
        dir: this.deps.dir,
        action,
        key,
        store,
        tracker,
        lock: this.lock,
        convert: (req) => this.deps.convert(req),
        finishInterruptedSwap: (dir) => this.deps.finishInterruptedSwap(dir),
        readManifest: (dir) => this.deps.readManifest(dir),
        progress: this.progressThrottle,
        changed: () => this.emitStatus(),
        log: (msg) => this.deps.log(msg),
      });
      if (outcome.state === 'failed') this.lastError = outcome.summary;
      if (this.closed) {
        this.state = 'locked';
        this.emitStatus();
        return;
      }
      const lastError = this.lastError;
      await this.openWith(keyNow, undefined, 'lock');
      if (lastError && !this.lastError) this.lastError = lastError;
      this.emitStatus();
    })();
  }

  private setState(state: StoreState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    const status = this.status();
    for (const l of this.statusListeners) l(status);
  }

  private emitStore(store: S | null): void {
    for (const l of this.storeListeners) l(store);
  }
}
