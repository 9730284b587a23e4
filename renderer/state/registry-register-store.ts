import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ModelVersion } from '../../shared/domain/registry';
import type { LoggedModel } from '../../shared/domain/tracking';
import type { Client } from '../api/client';
import { findModelFolders, loggedModelSource, runSource } from './registry-model-folders';

/** What to register: a folder of the run's artifacts with an MLmodel file, or a logged model. */
export type RegisterChoice = { kind: 'folder'; path: string } | { kind: 'logged'; modelId: string };

export interface RegisterState {
  folders: string[];
  loggedModels: LoggedModel[];
  /** Existing registered model names, for suggestions. */
  modelNames: string[];
  status: 'loading' | 'ready';
  /** What could not be read (the rest still loads). */
  errors: string[];
  load(): Promise<void>;
  register(name: string, choice: RegisterChoice, description?: string): Promise<ModelVersion>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The register-a-model dialog: what a run offers to register, and the registration itself. */
export function createRegisterStore(api: Client, runId: string, experimentId: string) {
  return createStore<RegisterState>()((set) => ({
    folders: [],
    loggedModels: [],
    modelNames: [],
    status: 'loading',
    errors: [],
    async load() {
      const [folders, logged, models] = await Promise.allSettled([
        findModelFolders((path) => api.call('artifacts.list', { runId, ...(path ? { path } : {}) })),
        api.call('loggedModels.list', { experimentIds: [experimentId], runId }),
        api.call('models.list', {}),
      ]);
      const errors = [folders, logged, models].flatMap((r) => (r.status === 'rejected' ? [message(r.reason)] : []));
      set({
        folders: folders.status === 'fulfilled' ? folders.value : [],
        loggedModels: logged.status === 'fulfilled' ? logged.value.filter((m) => m.info.source_run_id === undefined || m.info.source_run_id === runId) : [],
        modelNames: models.status === 'fulfilled' ? models.value.map((m) => m.name) : [],
        errors: [...new Set(errors)],
        status: 'ready',
      });
    },
    async register(name, choice, description) {
      const source = choice.kind === 'folder' ? runSource(runId, choice.path) : loggedModelSource(choice.modelId);
      return api.call('versions.register', {
        name,
        source,
        runId,
        ...(choice.kind === 'logged' ? { modelId: choice.modelId } : {}),
        ...(description ? { description } : {}),
      });
    },
  }));
}

export type RegisterStore = ReturnType<typeof createRegisterStore>;
export const useRegister = <T,>(store: RegisterStore, pick: (s: RegisterState) => T) => useStore(store, pick);
