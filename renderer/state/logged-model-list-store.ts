import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelVersion } from '../../shared/domain/registry';
import type { LoggedModel } from '../../shared/domain/tracking';
import type { RunRef } from '../../shared/ipc/contract-types';
import type { Client } from '../api/client';
import { newestModelsFirst } from '../components/logged-models/model-metric-columns';
import { coalesce } from './run-coalesce';

export interface LoggedModelListState {
  /** Newest first; null until first read. */
  models: LoggedModel[] | null;
  /** Source runs by id (a run not in the store is absent). */
  runs: Record<string, RunRef>;
  /** Versions registered from each model, by model id. */
  versions: Record<string, ModelVersion[]>;
  error: string | null;
  refresh(): Promise<void>;
  /** Loads, and re-reads when the experiment's runs or the registry change; returns the unsubscribe. */
  watch(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** An experiment's logged models for its Models tab, with their source runs' names and registered versions. */
export function createLoggedModelListStore(api: Client, experimentId: string) {
  const store = createStore<LoggedModelListState>()((set) => {
    const refresh = coalesce(async () => {
      try {
        const models = newestModelsFirst(await api.call('loggedModels.list', { experimentIds: [experimentId] }));
        const modelIds = models.map((m) => m.info.model_id);
        const runIds = [...new Set(models.flatMap((m) => (m.info.source_run_id ? [m.info.source_run_id] : [])))];
        const [versions, runs] = await Promise.all([
          modelIds.length ? api.call('loggedModels.versions', { modelIds: modelIds.slice(0, 1000) }) : {},
          runIds.length ? api.call('runs.refs', { runIds: runIds.slice(0, 1000) }) : {},
        ]);
        set({ models, versions, runs, error: null });
      } catch (e) {
        set({ error: message(e) });
      }
    });
    return {
      models: null,
      runs: {},
      versions: {},
      error: null,
      refresh,
      watch() {
        void refresh();
        const offRuns = api.on('runs.changed', ({ experimentIds }) => experimentIds.includes(experimentId) && void refresh());
        const offRegistry = api.on('registry.changed', () => void refresh());
        return () => {
          offRuns();
          offRegistry();
        };
      },
    };
  });
  return store;
}

export type LoggedModelListStore = ReturnType<typeof createLoggedModelListStore>;
export const useLoggedModelList = <T,>(store: LoggedModelListStore, pick: (s: LoggedModelListState) => T) => useStore(store, pick);
