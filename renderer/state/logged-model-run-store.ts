import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelVersion } from '../../shared/domain/registry';
import type { LoggedModel, Run } from '../../shared/domain/tracking';
import type { Client } from '../api/client';
import { findModelFolders } from './registry-model-folders';

export interface RunModelsState {
  /** The logged models this run produced, by id (names for the links). */
  models: Record<string, LoggedModel>;
  /** Versions registered from each of the run's models (produced or used), by model id. */
  versions: Record<string, ModelVersion[]>;
  /** Whether the run has something to register: a logged model, or an artifact folder with an MLmodel file. Null until known. */
  registrable: boolean | null;
  /** Reads the run's models (again); the artifact folders are searched only when the run logged no model. */
  load(run: Run): Promise<void>;
  /** Re-reads the run `current()` answers when the registry changes (versions made from its models); returns the unsubscribe. */
  follow(current: () => Run | null): () => void;
}

/** The models around one run for its page: names, the versions made from them, and whether Register has anything to offer. */
export function createRunModelsStore(api: Client) {
  let seq = 0;
  return createStore<RunModelsState>()((set, get) => ({
    models: {},
    versions: {},
    registrable: null,
    async load(run) {
      const mine = ++seq;
      const runId = run.info.run_id;
      const outputs = (run.outputs.model_outputs ?? []).map((m) => m.model_id);
      const ids = [...new Set([...outputs, ...(run.inputs.model_inputs ?? []).map((m) => m.model_id)])];
      const [listed, versions, folders] = await Promise.all([
        outputs.length ? api.call('loggedModels.list', { experimentIds: [run.info.experiment_id], runId }).catch(() => []) : [],
        ids.length ? api.call('loggedModels.versions', { modelIds: ids.slice(0, 1000) }).catch(() => ({})) : {},
        outputs.length ? [] : findModelFolders((path) => api.call('artifacts.list', { runId, ...(path ? { path } : {}) })).catch(() => []),
      ]);
      if (mine !== seq) return;
      set({ models: Object.fromEntries(listed.map((m) => [m.info.model_id, m])), versions, registrable: outputs.length > 0 || folders.length > 0 });
    },
    follow(current) {
      return api.on('registry.changed', () => {
        const run = current();
        if (run) void get().load(run);
      });
    },
  }));
}

export type RunModelsStore = ReturnType<typeof createRunModelsStore>;
export const useRunModels = <T,>(store: RunModelsStore, pick: (s: RunModelsState) => T) => useStore(store, pick);
