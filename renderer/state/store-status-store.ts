import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CurrentStoreKey, NewStoreKey } from '../../shared/ipc/store-contract';
import type { StoreStatus } from '../../shared/ipc/store-types';
import type { Client } from '../api/client';
import { addSample, type RateSample } from './job-rate';

/** What opens a locked store: its passphrase or its key file's path (used for the call only). */
export type UnlockKey = { passphrase: string } | { keyFile: string };

/** A new store's protection when the keychain is unavailable: a passphrase, or deliberately none. */
export type Protection = { with: 'passphrase'; passphrase: string } | { with: 'none' };

/** A decrypt or rekey carries the current key (or, for an OS-keychain store, its folder's name typed): used for the call only. */
export type ConversionRequest = { action: 'encrypt'; key: NewStoreKey } | { action: 'decrypt'; current: CurrentStoreKey } | { action: 'rekey'; key: NewStoreKey; current: CurrentStoreKey };

export type StoreAction = 'unlock' | 'protect' | 'convert' | 'cancel';

export interface StoreStatusState {
  status: StoreStatus | null;
  /** Why the status could not be read at all. */
  loadError: string | null;
  /** The call in flight (its screen shows it busy and takes no second submit). */
  busy: StoreAction | null;
  /** Why the last call was refused, for the screen that made it. Never holds what was typed. */
  error: { action: StoreAction; message: string } | null;
  /** (time, bytes, items) samples of the running conversion, for its rate and ETA. */
  samples: RateSample[];
  /** The ended conversion whose summary was closed (its id). */
  dismissedConversion: string | null;
  refresh(): Promise<void>;
  /** The key is used for this call only: it is not kept in this store. True when the store opened. */
  unlock(key: UnlockKey): Promise<boolean>;
  protect(protection: Protection): Promise<boolean>;
  /** True when the conversion started: its progress and end arrive with `store.changed`. */
  convert(request: ConversionRequest): Promise<boolean>;
  cancelConversion(): Promise<void>;
  clearError(): void;
  dismissConversion(): void;
}

/** Whether `next` is an earlier view of the conversion `current` shows. */
function isOlder(next: StoreStatus, current: StoreStatus | null): boolean {
  const a = next.conversion;
  const b = current?.conversion;
  if (!a || !b || a.id !== b.id || a.state !== 'running') return false;
  if (b.state !== 'running') return true;
  return a.progress.itemsDone + a.progress.bytesDone < b.progress.itemsDone + b.progress.bytesDone;
}

/** The backend's refusal as the one sentence a screen shows: capitalised, with its full stop. */
export function asSentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  return `${m[0]!.toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`;
}

const messageOf = (e: unknown) => asSentence(e instanceof Error ? e.message : String(e));

function callFor(api: Client, r: ConversionRequest): Promise<StoreStatus> {
  if (r.action === 'encrypt') return api.call('store.encrypt', { key: r.key });
  if (r.action === 'decrypt') return api.call('store.decrypt', { current: r.current });
  return api.call('store.rekey', { key: r.key, current: r.current });
}

/**
 * App-level: whether the store is open, locked, waiting for a protection choice or converting
 * (fed by `store.changed`), the calls the gate screens and store settings make, and the running
 * conversion's rate samples.
 */
export function createStoreStatusStore(api: Client, now: () => number = Date.now) {
  let sampledId: string | null = null;
  const apply = (status: StoreStatus) =>
    store.setState((s) => {
      const c = status.conversion;
      // The answer to a start can arrive after events from the conversion it started: an
      // older view must not take progress back, nor bring an ended conversion back to life.
      if (isOlder(status, s.status)) return s;
      if (!c || c.state !== 'running') {
        sampledId = null;
        return { status, loadError: null, samples: [] };
      }
      const before = sampledId === c.id ? s.samples : [];
      sampledId = c.id;
      return { status, loadError: null, samples: addSample(before, { at: now(), bytes: c.progress.bytesDone, items: c.progress.itemsDone }) };
    });

  /** Runs a call that answers the status; a refusal is kept for `action`'s screen. */
  const attempt = async (action: StoreAction, call: () => Promise<StoreStatus>): Promise<StoreStatus | null> => {
    if (store.getState().busy) return null;
    store.setState({ busy: action, error: null });
    try {
      const status = await call();
      apply(status);
      store.setState({ busy: null });
      return status;
    } catch (e) {
      store.setState({ busy: null, error: { action, message: messageOf(e) } });
      return null;
    }
  };

  const store = createStore<StoreStatusState>()((set) => ({
    status: null,
    loadError: null,
    busy: null,
    error: null,
    samples: [],
    dismissedConversion: null,
    async refresh() {
      try {
        apply(await api.call('store.status', {}));
      } catch (e) {
        set({ loadError: messageOf(e) });
      }
    },
    async unlock(key) {
      const status = await attempt('unlock', () => api.call('store.unlock', key));
      if (status?.state === 'locked') set({ error: { action: 'unlock', message: status.lastError ? asSentence(status.lastError) : 'The store is still locked.' } });
      return !!status && status.state !== 'locked';
    },
    async protect(protection) {
      const status = await attempt('protect', () => api.call('store.protect', protection));
      if (status?.state === 'needs-protection') set({ error: { action: 'protect', message: status.lastError ? asSentence(status.lastError) : 'The store was not created.' } });
      return !!status && status.state !== 'needs-protection';
    },
    async convert(request) {
      return !!(await attempt('convert', () => callFor(api, request)));
    },
    async cancelConversion() {
      await attempt('cancel', () => api.call('store.cancelConversion', {}));
    },
    clearError() {
      set({ error: null });
    },
    dismissConversion() {
      set((s) => ({ dismissedConversion: s.status?.conversion?.id ?? null }));
    },
  }));
  api.on('store.changed', ({ status }) => apply(status));
  return store;
}

export type StoreStatusStore = ReturnType<typeof createStoreStatusStore>;
export const useStoreStatus = <T,>(store: StoreStatusStore, pick: (s: StoreStatusState) => T) => useStore(store, pick);
