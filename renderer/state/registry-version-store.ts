import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelVersion, RegisteredModel, Stage } from '../../shared/domain/registry';
import type { VersionDetails } from '../../shared/ipc/contract-types';
import type { Client } from '../api/client';
import { coalesce } from './run-coalesce';
import { newestFirst } from './registry-model-store';

export interface VersionState {
  details: VersionDetails | null;
  /** The registered model (for its aliases) and all its versions (for stage transitions). */
  model: RegisteredModel | null;
  siblings: ModelVersion[];
  /** Name of the source run, when it can be read. */
  runName: string | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  refresh(): Promise<void>;
  setDescription(description: string): Promise<void>;
  setTag(key: string, value: string): Promise<void>;
  deleteTag(key: string): Promise<void>;
  transition(stage: Stage, archiveExisting: boolean): Promise<void>;
  /** Sets `alias` on this version, moving it here if another version holds it. */
  setAlias(alias: string): Promise<void>;
  deleteAlias(alias: string): Promise<void>;
  remove(): Promise<void>;
  /** Loads and re-reads on `registry.changed` naming this model; returns the unsubscribe. */
  watch(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** One model version for its page: the version with its MLmodel, the model's aliases and versions. */
export function createVersionStore(api: Client, name: string, version: string) {
  const store = createStore<VersionState>()((set, get) => {
    const readRunName = async (runId: string | undefined) => {
      if (!runId || get().runName !== null) return;
      const runName = await api.call('runs.get', { runId }).then((r) => r.info.run_name, () => null);
      set({ runName });
    };
    const refresh = coalesce(async () => {
      try {
        const [details, { model, versions }] = await Promise.all([api.call('versions.get', { name, version }), api.call('models.get', { name })]);
        set({ details, model, siblings: newestFirst(versions), status: 'ready', error: null });
        await readRunName(details.version.run_id);
      } catch (e) {
        set(get().details ? { error: message(e) } : { status: 'error', error: message(e) });
      }
    });
    const write = async (fn: () => Promise<unknown>) => {
      await fn();
      await refresh();
    };
    return {
      details: null,
      model: null,
      siblings: [],
      runName: null,
      status: 'loading',
      error: null,
      refresh,
      setDescription: (description) => write(() => api.call('versions.update', { name, version, description })),
      setTag: (key, value) => write(() => api.call('versions.setTag', { name, version, key, value })),
      deleteTag: (key) => write(() => api.call('versions.deleteTag', { name, version, key })),
      transition: (stage, archiveExisting) => write(() => api.call('versions.transition', { name, version, stage, archiveExisting })),
      setAlias: (alias) => write(() => api.call('models.setAlias', { name, alias, version })),
      deleteAlias: (alias) => write(() => api.call('models.deleteAlias', { name, alias })),
      async remove() {
        await api.call('versions.delete', { name, version });
      },
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

export type VersionStore = ReturnType<typeof createVersionStore>;
export const useVersion = <T,>(store: VersionStore, pick: (s: VersionState) => T) => useStore(store, pick);
