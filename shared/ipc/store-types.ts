import type { JobView } from './sync-types';

/**
 * Output shapes of the contract's store methods (issue 12): the store session of the process
 * holding the store (the desktop app or `sextant serve`). Nothing here ever holds a key, a
 * passphrase or anything derived from one.
 */

/**
 * - `locked`: an encrypted store whose key was not given (a passphrase, or a key file not passed):
 *   waiting for `store.unlock`.
 * - `needs-protection` (desktop app only): a new store, and the OS keychain cannot protect it; the
 *   person chooses a passphrase or to keep it unencrypted (`store.protect`). Never a silent fallback.
 * - `open`: the store is open and served.
 * - `converting`: being encrypted or decrypted (`conversion` says how far); the store is closed
 *   meanwhile. A rekey only rewraps the data key: the store stays `open` while its `conversion`
 *   (action 'rekey') runs, for seconds at most.
 * - In the app, an OS-keychain store whose keychain cannot open it is `locked` with `lastError`
 *   saying why; unlocking by hand cannot help it. Headless (`sextant serve`), a key-file store
 *   without --key-file is refused at start, as before, rather than served locked.
 * Outside `open` the MLflow REST API and every contract method but `store.*` and `app.info` answer
 * "temporarily unavailable" with a sentence naming the store and the state.
 */
/** The least length of a passphrase a person sets (store.protect, store.encrypt, store.rekey; not store.unlock). */
export const MIN_NEW_PASSPHRASE_LENGTH = 10;

export type StoreState = 'locked' | 'needs-protection' | 'open' | 'converting';

/** Which kind of key wraps the store's data key. */
export type StoreKeyKind = 'key-file' | 'passphrase' | 'os-keychain';

/** Which process holds the store. */
export type StoreHolder = 'app' | 'serve';

export type StoreConversionAction = 'encrypt' | 'decrypt' | 'rekey';

/**
 * A conversion as the progress panel shows it: a JobView (items = snapshot, series files and
 * artifacts; bytes = their plaintext bytes; the rate and ETA come from successive views as for
 * any job) plus what it does and whether it can still be cancelled (an encrypt or decrypt can,
 * until its copy is swapped in; a rekey takes seconds and cannot).
 */
export interface StoreConversionView extends JobView {
  action: StoreConversionAction;
  /** The key kind the store will have once done (null: plain). */
  toKeyKind: StoreKeyKind | null;
  cancellable: boolean;
}

export interface StoreStatus {
  /** The store's folder. */
  path: string;
  state: StoreState;
  /** Whether the store is encrypted (false for a new store not created yet). */
  encrypted: boolean;
  /** The kind of key that opens it; null for a plain store (or one not created yet). */
  keyKind: StoreKeyKind | null;
  /** Whether this process can protect a key with the OS keychain, and if not, the sentence why. */
  keychain: { available: boolean; reason: string | null };
  holder: StoreHolder;
  /** The conversion running (state `converting`), or the last one, until the next starts. */
  conversion?: StoreConversionView;
  /** The last thing that went wrong (a failed unlock or conversion), as one sentence. */
  lastError?: string;
}
