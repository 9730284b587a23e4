import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Experiment } from '../../shared/domain/tracking';
import type { Client } from '../api/client';

export interface ExperimentsState {
  list: Experiment[];
  showDeleted: boolean;
  status: 'idle' | 'loading' | 'error';
  error: string | null;
  refresh(): Promise<void>;
  setShowDeleted(show: boolean): Promise<void>;
  create(name: string, description?: string): Promise<Experiment>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  setTag(id: string, key: string, value: string): Promise<void>;
  deleteTag(id: string, key: string): Promise<void>;
}

/** Experiments for the sidebar; re-read whenever main says experiments changed. */
export function createExperimentsStore(api: Client) {
  const store = createStore<ExperimentsState>()((set, get) => {
    const replace = (exp: Experiment) => set((s) => ({ list: s.list.map((e) => (e.experiment_id === exp.experiment_id ? exp : e)) }));
    return {
      list: [],
      showDeleted: false,
      status: 'idle',
      error: null,
      async refresh() {
        set({ status: 'loading', error: null });
        try {
          const list = await api.call('experiments.list', { viewType: get().showDeleted ? 'ALL' : 'ACTIVE_ONLY' });
          set({ list, status: 'idle' });
        } catch (e) {
          set({ status: 'error', error: (e as Error).message });
        }
      },
      async setShowDeleted(showDeleted) {
        set({ showDeleted });
        await get().refresh();
      },
      async create(name, description) {
        const exp = await api.call('experiments.create', { name, ...(description ? { description } : {}) });
        await get().refresh();
        return exp;
      },
      async rename(id, name) {
        replace(await api.call('experiments.rename', { id, name }));
      },
      async remove(id) {
        await api.call('experiments.delete', { id });
        await get().refresh();
      },
      async restore(id) {
        await api.call('experiments.restore', { id });
        await get().refresh();
      },
      async setTag(id, key, value) {
        replace(await api.call('experiments.setTag', { id, key, value }));
      },
      async deleteTag(id, key) {
        replace(await api.call('experiments.deleteTag', { id, key }));
      },
    };
  });
  api.on('experiments.changed', () => void store.getState().refresh());
  return store;
}

export type ExperimentsStore = ReturnType<typeof createExperimentsStore>;
export const useExperiments = <T,>(store: ExperimentsStore, pick: (s: ExperimentsState) => T) => useStore(store, pick);
