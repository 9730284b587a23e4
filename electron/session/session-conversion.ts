import type { StoreKeyKind } from '../../shared/ipc/store-types';
import type { ConvertRequest, ConvertResult } from '../store/convert/convert-store';
import type { KekSource } from '../store/crypto/keys/kek-source';
import type { Manifest } from '../store/manifest';
import type { ConversionTracker } from './conversion-tracker';
import { errorSentence } from './session-errors';
import type { SessionLock } from './session-lock';
import type { SessionStore } from './store-session';

const KIND_WORDS: Record<StoreKeyKind, string> = { 'key-file': 'its key file', passphrase: 'its passphrase', 'os-keychain': 'the OS keychain' };

/**
 * A rekey on the open store (Store#rekey: the data key wrapped with `to`; no data rewritten).
 * Finishes `tracker`; answers the error sentence, or null when the store now opens with `to`.
 */
export async function runRekey(store: SessionStore, from: KekSource, to: KekSource, tracker: ConversionTracker, dir: string): Promise<string | null> {
  try {
    await store.rekey(from, to);
    tracker.finish('succeeded', `store ${dir} now opens with ${KIND_WORDS[to.kind]}; no data was rewritten`);
    return null;
  } catch (err) {
    const sentence = errorSentence(err);
    tracker.finish('failed', sentence);
    return sentence;
  }
}

export interface ConversionSteps {
  dir: string;
  action: 'encrypt' | 'decrypt';
  /** The key it is encrypted with, or decrypted with. */
  key: KekSource;
  /** The open store: closed here before it is converted. */
  store: SessionStore;
  tracker: ConversionTracker;
  /** The session's lock: let go right before the converter takes it itself. */
  lock: SessionLock;
  convert(req: ConvertRequest): Promise<ConvertResult>;
  finishInterruptedSwap(dir: string): Promise<unknown>;
  readManifest(dir: string): Manifest | null;
  /** A conversion's progress as `store.changed`, at most so often (cancelled once it ends). */
  progress: { call(): void; cancel(): void };
  /** The status changed (`store.changed` now). */
  changed(): void;
  log(msg: string): void;
}

export interface ConversionEnd {
  outcome: { state: 'succeeded' | 'failed' | 'cancelled'; summary: string };
  /** The key the store has now: the new one when it was encrypted, the one it was decrypted with when that failed, none when it is plain. */
  keyNow: KekSource | undefined;
}

/**
 * Encrypt or decrypt, up to reopening: closes the store, converts it beside itself (convertStore),
 * finishes a swap the converter left half done, and says how it ended (the tracker finished) and
 * with what key the store opens now. Never throws.
 */
export async function runConversion(c: ConversionSteps): Promise<ConversionEnd> {
  const { dir, action, key, tracker } = c;
  let outcome: ConversionEnd['outcome'];
  try {
    tracker.progress({ phase: 'closing the store', itemsDone: 0, bytesDone: 0 });
    c.changed();
    await c.store.beforeConvert?.(action === 'encrypt' ? 'encrypted' : 'plain', (line) => tracker.line(line));
    await c.store.close();
    // The converter takes the store's lock itself (and refuses a store held, even by us): let it go
    // right before. Between the two another process could take it; it would then be refused here.
    await c.lock.letGo();
    const result = await c.convert({
      dir,
      to: action === 'encrypt' ? 'encrypted' : 'plain',
      key,
      signal: tracker.controller.signal,
      onProgress: (p) => {
        tracker.progress(p);
        c.progress.call();
      },
      log: (line) => tracker.line(line),
      beforeSwap: () => {
        tracker.noMoreCancel();
        c.changed();
      },
    });
    outcome = { state: 'succeeded', summary: result.summary };
  } catch (err) {
    const cancelled = tracker.controller.signal.aborted && (err as Error)?.name === 'ConvertCancelledError';
    outcome = { state: cancelled ? 'cancelled' : 'failed', summary: errorSentence(err) };
    if (!cancelled) c.log(`${action} of store ${dir} failed: ${(err as Error)?.stack ?? outcome.summary}`);
  }
  c.progress.cancel();
  // The key the store has now. A swap the converter left half done is finished first (under the
  // lock it takes itself, before the session takes it back).
  let manifest: Manifest | null = null;
  try {
    await c.finishInterruptedSwap(dir);
    manifest = c.readManifest(dir);
  } catch (err) {
    outcome = { state: 'failed', summary: errorSentence(err) };
  }
  tracker.finish(outcome.state, outcome.summary);
  return { outcome, keyNow: manifest?.encryption ? key : undefined };
}
