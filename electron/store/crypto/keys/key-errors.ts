import { StoreOpenError } from '../../store-errors';

/** What went wrong with a store's key, for code that must react (the unlock screen, the CLI). */
export type StoreKeyErrorCode =
  | 'key-missing' // the store is encrypted and no key (or a key of another kind) was given
  | 'wrong-key' // the key given does not open the store
  | 'key-header-damaged' // the key header is unreadable, or opens but fails its check
  | 'key-file-refused' // the key file is unsafe (permissions), missing, or not a key
  | 'keychain-unavailable' // the OS offers no secure keychain to wrap the key with
  | 'key-header-unsupported' // the key header was written by a newer Sextant
  | 'passphrase-refused'; // an empty passphrase

/**
 * A store could not be opened, created or rekeyed because of its key. The message is one
 * sentence naming the store (or the key file) and what is missing or wrong; it never holds key
 * bytes, passphrases or anything derived from them.
 */
export class StoreKeyError extends StoreOpenError {
  override name = 'StoreKeyError';
  constructor(
    readonly code: StoreKeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
