import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelVersion } from '../../shared/domain/registry';
import type { LoggedModelDetails } from '../../shared/ipc/contract-types';
import { ApiError, type Client } from '../api/client';
import { coalesce } from './run-coalesce';
import { loggedModelSource } from './registry-model-folders';

export interface LoggedModelState {
  details: LoggedModelDetails | null;
  /** `missing`: no such logged model in this store (or it was deleted). */
  status: 'loading' | 'ready' | 'missing' | 'error';
  error: string | null;
  refresh(): Promise<void>;
  /** Registers the model as a new version of `name` (created when new); answers the version. */
  register(name: string): Promise<ModelVersion>;
  /** Loads, and re-reads when the registry or the model's experiment changes; returns the unsubscribe. */
  watch(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** One logged model for its page: the model, its MLmodel, the runs around it and the versions made from it. */
export function createLoggedModelStore(api: Client, modelId: string) {
  const store = createStore<LoggedModelState>()((set, get) => {
    const refresh = coalesce(async () => {
      try {
        set({ details: await api.call('loggedModels.get', { modelId }), status: 'ready', error: null });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'not_found') return set({ details: null, status: 'missing', error: null });
        set(get().details ? { error: message(e) } : { status: 'error', error: message(e) });
      }
    });
    return {
      details: null,
      status: 'loading',
      error: null,
      refresh,
      async register(name) {
        const runId = get().details?.model.info.source_run_id;
        const version = await api.call('versions.register', { name, source: loggedModelSource(modelId), modelId, ...(runId ? { runId } : {}) });
        await refresh();
        return version;
      },
      watch() {
        void refresh();
        const offRegistry = api.on('registry.changed', () => void refresh());
        const offRuns = api.on('runs.changed', ({ experimentIds }) => {
          const exp = get().details?.model.info.experiment_id;
          if (exp && experimentIds.includes(exp)) void refresh();
        });
        return () => {
          offRegistry();
          offRuns();
        };
      },
    };
  });
  return store;
}

export type LoggedModelStore = ReturnType<typeof createLoggedModelStore>;
export const useLoggedModel = <T,>(store: LoggedModelStore, pick: (s: LoggedModelState) => T) => useStore(store, pick);
