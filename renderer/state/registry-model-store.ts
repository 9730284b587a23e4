import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelVersion, RegisteredModel, Stage } from '../../shared/domain/registry';
import type { RunRef } from '../../shared/ipc/contract-types';
import type { Client } from '../api/client';
import { coalesce } from './run-coalesce';

export interface ModelState {
  model: RegisteredModel | null;
  /** Newest first. */
  versions: ModelVersion[];
  /** The versions' source runs by id, for their names (runs not in this store are absent). */
  runs: Record<string, RunRef>;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  refresh(): Promise<void>;
  setDescription(description: string): Promise<void>;
  setTag(key: string, value: string): Promise<void>;
  deleteTag(key: string): Promise<void>;
  /** Resolves to the new name; the page then moves there. */
  rename(newName: string): Promise<string>;
  remove(): Promise<void>;
  setAlias(alias: string, version: string): Promise<void>;
  deleteAlias(alias: string): Promise<void>;
  transition(version: string, stage: Stage, archiveExisting: boolean): Promise<void>;
  /** Loads and re-reads on `registry.changed` naming this model; returns the unsubscribe. */
  watch(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
export const newestFirst = (versions: readonly ModelVersion[]) => [...versions].sort((a, b) => Number(b.version) - Number(a.version));

/** One registered model for its page: the model, its versions, and every change to them. */
export function createModelStore(api: Client, name: string) {
  const store = createStore<ModelState>()((set, get) => {
    const refresh = coalesce(async () => {
      try {
        const { model, versions } = await api.call('models.get', { name });
        set({ model, versions: newestFirst(versions), status: 'ready', error: null });
        const runIds = [...new Set(versions.flatMap((v) => (v.run_id ? [v.run_id] : [])))].filter((id) => !get().runs[id]);
        if (runIds.length) {
          const found = await api.call('runs.refs', { runIds: runIds.slice(0, 1000) }).catch(() => ({}));
          set((st) => ({ runs: { ...st.runs, ...found } }));
        }
      } catch (e) {
        set(get().model ? { error: message(e) } : { status: 'error', error: message(e) });
      }
    });
    /** Writes, then re-reads: a stage change can archive other versions too. */
    const write = async (fn: () => Promise<unknown>) => {
      await fn();
      await refresh();
    };
    return {
      model: null,
      versions: [],
      runs: {},
      status: 'loading',
      error: null,
      refresh,
      setDescription: (description) => write(() => api.call('models.update', { name, description })),
      setTag: (key, value) => write(() => api.call('models.setTag', { name, key, value })),
      deleteTag: (key) => write(() => api.call('models.deleteTag', { name, key })),
      async rename(newName) {
        return (await api.call('models.rename', { name, newName })).name;
      },
      async remove() {
        await api.call('models.delete', { name });
      },
      setAlias: (alias, version) => write(() => api.call('models.setAlias', { name, alias, version })),
      deleteAlias: (alias) => write(() => api.call('models.deleteAlias', { name, alias })),
      transition: (version, stage, archiveExisting) => write(() => api.call('versions.transition', { name, version, stage, archiveExisting })),
      watch() {
        void refresh();
        return api.on('registry.changed', ({ names }) => {
          if (names.includes(name)) void refresh();
        });
      },
    };
  });
  return store;
}

export type ModelStore = ReturnType<typeof createModelStore>;
export const useModel = <T,>(store: ModelStore, pick: (s: ModelState) => T) => useStore(store, pick);
