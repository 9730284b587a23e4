import { randomUUID } from 'node:crypto';
import type { JobViewProgress } from '../../shared/ipc/sync-types';
import type { StoreConversionAction, StoreConversionView, StoreKeyKind } from '../../shared/ipc/store-types';

const KEEP_LINES = 5;
const KIND_WORDS: Record<StoreKeyKind, string> = { 'key-file': 'a key file', passphrase: 'a passphrase', 'os-keychain': 'the OS keychain' };

/** The title a person reads: never a key or a passphrase (a key file's path at most, in the log lines). */
export function conversionTitle(action: StoreConversionAction, to: StoreKeyKind | null): string {
  if (action === 'decrypt') return 'Decrypting the store';
  if (action === 'encrypt') return `Encrypting the store with ${KIND_WORDS[to ?? 'key-file']}`;
  return `Changing the store's key to ${KIND_WORDS[to ?? 'key-file']}`;
}

/**
 * One conversion as the UI sees it (a JobView plus what it does): progress as the converter
 * reports it, the last log lines, whether it can still be cancelled, and how it ended.
 */
export class ConversionTracker {
  readonly controller = new AbortController();
  private view: StoreConversionView;

  constructor(action: StoreConversionAction, toKeyKind: StoreKeyKind | null, opts: { cancellable: boolean; now: () => number }) {
    this.now = opts.now;
    this.view = {
      id: randomUUID(),
      kind: `store.${action}`,
      title: conversionTitle(action, toKeyKind),
      state: 'running',
      startedAt: opts.now(),
      progress: { itemsDone: 0, bytesDone: 0 },
      lines: [],
      action,
      toKeyKind,
      cancellable: opts.cancellable,
    };
  }

  private readonly now: () => number;

  get running(): boolean {
    return this.view.state === 'running';
  }

  get cancellable(): boolean {
    return this.running && this.view.cancellable;
  }

  snapshot(): StoreConversionView {
    return { ...this.view, progress: { ...this.view.progress }, lines: [...this.view.lines] };
  }

  progress(p: JobViewProgress): void {
    this.view.progress = { ...p };
  }

  line(text: string): void {
    this.view.lines = [...this.view.lines, text.slice(0, 2000)].slice(-KEEP_LINES);
  }

  /** From the swap on, a conversion goes forward: no more cancelling. */
  noMoreCancel(): void {
    this.view.cancellable = false;
  }

  /** Asks the converter to stop; false when it can no longer. */
  cancel(): boolean {
    if (!this.cancellable) return false;
    this.view.cancellable = false;
    this.controller.abort();
    return true;
  }

  finish(state: 'succeeded' | 'failed' | 'cancelled', summary: string): void {
    this.view = { ...this.view, state, endedAt: this.now(), cancellable: false, outcome: { summary, problems: state === 'failed' ? [{ item: 'store', message: summary }] : [] } };
  }
}
