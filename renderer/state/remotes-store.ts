import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Input } from '../../shared/ipc/contract';
import type { RemoteTestResult, RemoteView } from '../../shared/ipc/sync-types';
import type { Client } from '../api/client';

export interface RemotesState {
  remotes: RemoteView[];
  loaded: boolean;
  error: string | null;
  refresh(): Promise<void>;
  /** Adds or edits; resolves with the refusal's message, or null once saved. */
  save(input: Input<'remotes.add'>, editing: boolean): Promise<string | null>;
  remove(name: string): Promise<string | null>;
  test(input: Input<'remotes.test'>): Promise<RemoteTestResult>;
}

/** App-level: the remotes (for the Remotes page and every push/pull menu), re-read when a sync ends. */
export function createRemotesStore(api: Client) {
  const store = createStore<RemotesState>()((set, get) => ({
    remotes: [],
    loaded: false,
    error: null,
    async refresh() {
      try {
        set({ remotes: await api.call('remotes.list', {}), loaded: true, error: null });
      } catch (e) {
        set({ loaded: true, error: (e as Error).message });
      }
    },
    async save(input, editing) {
      try {
        await api.call(editing ? 'remotes.update' : 'remotes.add', input);
      } catch (e) {
        return (e as Error).message;
      }
      await get().refresh();
      return null;
    },
    async remove(name) {
      try {
        await api.call('remotes.remove', { name });
      } catch (e) {
        return (e as Error).message;
      }
      await get().refresh();
      return null;
    },
    async test(input) {
      try {
        return await api.call('remotes.test', input);
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    },
  }));
  api.on('jobs.changed', ({ job }) => {
    if (job.state !== 'running') void store.getState().refresh();
  });
  return store;
}

export type RemotesStore = ReturnType<typeof createRemotesStore>;
export const useRemotes = <T,>(store: RemotesStore, pick: (s: RemotesState) => T) => useStore(store, pick);
