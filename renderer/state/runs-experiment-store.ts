import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Experiment } from '../../shared/domain/tracking';
import { ApiError, type Client } from '../api/client';

/** MLflow keeps an experiment's Markdown description in this tag. */
export const NOTE_TAG = 'mlflow.note.content';

export interface ExperimentHeaderState {
  experiment: Experiment | null;
  error: string | null;
  /** The server has no experiment with this id (never made, or deleted for good). */
  missing: boolean;
  /** Loads the experiment and follows `experiments.changed` for it; returns the way to stop. */
  connect(): () => void;
  refresh(): Promise<void>;
  rename(name: string): Promise<boolean>;
  /** Brings a deleted experiment (and the runs deleted with it) back. */
  restore(): Promise<boolean>;
  setDescription(markdown: string): Promise<boolean>;
  setTag(key: string, value: string): Promise<boolean>;
  deleteTag(key: string): Promise<boolean>;
}

export const tagValue = (e: Experiment | null, key: string) => e?.tags?.find((t) => t.key === key)?.value;

/** The experiment page's header: name, description and tags of one experiment, editable. */
export function createExperimentHeaderStore(api: Client, experimentId: string) {
  return createStore<ExperimentHeaderState>()((set, get) => {
    const write = async (call: () => Promise<Experiment>): Promise<boolean> => {
      try {
        set({ experiment: await call(), error: null });
        return true;
      } catch (e) {
        set({ error: (e as Error).message });
        return false;
      }
    };
    return {
      experiment: null,
      error: null,
      missing: false,
      connect() {
        void get().refresh();
        return api.on('experiments.changed', (p) => {
          if (p.ids.includes(experimentId)) void get().refresh();
        });
      },
      async refresh() {
        try {
          set({ experiment: await api.call('experiments.get', { id: experimentId }), error: null, missing: false });
        } catch (e) {
          const missing = e instanceof ApiError && e.code === 'not_found';
          set({ error: (e as Error).message, missing, ...(missing ? { experiment: null } : {}) });
        }
      },
      rename: (name) => write(() => api.call('experiments.rename', { id: experimentId, name })),
      restore: () => write(() => api.call('experiments.restore', { id: experimentId })),
      async setDescription(markdown) {
        if (markdown.trim()) return write(() => api.call('experiments.setTag', { id: experimentId, key: NOTE_TAG, value: markdown }));
        if (tagValue(get().experiment, NOTE_TAG) === undefined) return true;
        return write(() => api.call('experiments.deleteTag', { id: experimentId, key: NOTE_TAG }));
      },
      setTag: (key, value) => write(() => api.call('experiments.setTag', { id: experimentId, key, value })),
      deleteTag: (key) => write(() => api.call('experiments.deleteTag', { id: experimentId, key })),
    };
  });
}

export type ExperimentHeaderStore = ReturnType<typeof createExperimentHeaderStore>;
export const useExperimentHeader = <T,>(store: ExperimentHeaderStore, pick: (s: ExperimentHeaderState) => T) => useStore(store, pick);
