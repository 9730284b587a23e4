import { z } from 'zod';
import { method } from './contract-method';
import { MIN_NEW_PASSPHRASE_LENGTH, type StoreStatus } from './store-types';
import { isAbsolutePath } from './transfer-types';

/**
 * A passphrase travels only in the body of these authenticated calls: never in a URL, a log, an
 * argv, a status or a job title.
 */
const Passphrase = z.string().min(1).max(1024);
const NewPassphrase = z.string().min(MIN_NEW_PASSPHRASE_LENGTH, `must be at least ${MIN_NEW_PASSPHRASE_LENGTH} characters`).max(1024);
/** A key file on the machine holding the store (an absolute path). */
const KeyFilePath = z.string().min(1).max(4096).refine(isAbsolutePath, 'must be an absolute path');

/** The key to encrypt a store with, or to rekey it to. */
const NewStoreKey = z.discriminatedUnion('kind', [
  /** The OS keychain (desktop app only; see StoreStatus.keychain). */
  z.object({ kind: z.literal('os-keychain') }),
  z.object({ kind: z.literal('passphrase'), passphrase: NewPassphrase }),
  /** `generate`: write a new random key file at `path` first (an existing file is never overwritten). */
  z.object({ kind: z.literal('key-file'), path: KeyFilePath, generate: z.boolean().optional() }),
]);
export type NewStoreKey = z.infer<typeof NewStoreKey>;

/**
 * What a decrypt or rekey asks of the person at the window before anything happens, so an
 * unlocked window left alone is not enough to strip or change the encryption: the store's current
 * passphrase or key file (checked against its key header; a wrong one is refused, and slows the
 * next try as an unlock does), or for an OS-keychain store, which has no secret to ask for, its
 * folder's name typed (the last part of its path).
 */
const CurrentStoreKey = z.union([z.object({ passphrase: Passphrase }), z.object({ keyFile: KeyFilePath }), z.object({ folderName: z.string().min(1).max(255) })]);
export type CurrentStoreKey = z.infer<typeof CurrentStoreKey>;

/** The contract's store methods and events (spread into contract.ts). Every one answers the status after the call. */
export const storeMethods = {
  /** Where the store stands: always answered, whatever the state (browser mode before unlock too). */
  'store.status': method<StoreStatus>()(z.object({})),
  /**
   * Opens a `locked` store with its passphrase or key file. A wrong one is a bad_input error with
   * one sentence ("the passphrase does not open store X"); the store stays locked.
   */
  'store.unlock': method<StoreStatus>()(z.union([z.object({ passphrase: Passphrase }), z.object({ keyFile: KeyFilePath })])),
  /** `needs-protection` only: creates the new store encrypted with a passphrase, or explicitly unencrypted. */
  'store.protect': method<StoreStatus>()(z.discriminatedUnion('with', [z.object({ with: z.literal('passphrase'), passphrase: NewPassphrase }), z.object({ with: z.literal('none') })])),
  /**
   * Encrypts the open plain store with `key`: the store is closed (state `converting`, the server
   * keeps listening), copied encrypted beside itself, swapped in and reopened. Answers at once;
   * progress and the end come as `store.changed`.
   */
  'store.encrypt': method<StoreStatus>()(z.object({ key: NewStoreKey })),
  /** Decrypts the open encrypted store, as `store.encrypt` does, once `current` proves the person may (CurrentStoreKey). */
  'store.decrypt': method<StoreStatus>()(z.object({ current: CurrentStoreKey })),
  /** Wraps the open encrypted store's data key with another key (or kind of key), once `current` proves the person may: no data is rewritten. */
  'store.rekey': method<StoreStatus>()(z.object({ key: NewStoreKey, current: CurrentStoreKey })),
  /** Cancels a running encrypt or decrypt while it still can (before its swap): the store reopens as it was. */
  'store.cancelConversion': method<StoreStatus>()(z.object({})),
} as const;

export const storeEvents = {
  /** The store's state or a conversion's progress changed (progress at most a few times a second). */
  'store.changed': z.object({ status: z.custom<StoreStatus>() }),
} as const;
