import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Run } from '../../shared/domain/tracking';
import { ApiError, type Client } from '../api/client';
import { coalesce } from './run-coalesce';

export const PARENT_TAG = 'mlflow.parentRunId';
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

export interface RunState {
  run: Run | null;
  /** From the `mlflow.parentRunId` tag; name null when the parent cannot be read. */
  parent: { runId: string; name: string | null } | null;
  children: Run[];
  /** `missing`: no run with this id in the store. */
  status: 'loading' | 'ready' | 'missing' | 'error';
  error: string | null;
  refresh(): Promise<void>;
  refreshChildren(): Promise<void>;
  setTag(key: string, value: string): Promise<void>;
  deleteTag(key: string): Promise<void>;
  /** Loads the run and follows `runs.changed`; returns the unsubscribe. */
  watch(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** One run for the run page: the run itself, its parent's name and its children, kept live. */
export function createRunStore(api: Client, runId: string) {
  const store = createStore<RunState>()((set, get) => {
    const readParent = async (run: Run) => {
      const parentId = run.data.tags?.find((t) => t.key === PARENT_TAG)?.value ?? null;
      if (!parentId) return set({ parent: null });
      if (get().parent?.runId === parentId) return;
      const name = await api.call('runs.get', { runId: parentId }).then((p) => p.info.run_name, () => null);
      set({ parent: { runId: parentId, name } });
    };

    const refreshChildren = coalesce(async () => {
      const run = get().run;
      if (!run || !SAFE_ID.test(runId)) return;
      try {
        const page = await api.call('runs.search', {
          experimentIds: [run.info.experiment_id],
          filter: `tags.${PARENT_TAG} = '${runId}'`,
          orderBy: ['attributes.start_time DESC'],
          maxResults: 1000,
        });
        set({ children: page.runs });
      } catch (e) {
        set({ error: message(e) });
      }
    });

    const refresh = coalesce(async () => {
      try {
        const run = await api.call('runs.get', { runId });
        const first = get().run === null;
        set({ run, status: 'ready', error: null });
        await readParent(run);
        if (first) await refreshChildren();
      } catch (e) {
        if (!get().run && e instanceof ApiError && e.code === 'not_found') return set({ status: 'missing', error: null });
        set(get().run ? { error: message(e) } : { status: 'error', error: message(e) });
      }
    });

    return {
      run: null,
      parent: null,
      children: [],
      status: 'loading',
      error: null,
      refresh,
      refreshChildren,
      async setTag(key, value) {
        set({ run: await api.call('runs.setTag', { runId, key, value }) });
      },
      async deleteTag(key) {
        set({ run: await api.call('runs.deleteTag', { runId, key }) });
      },
      watch() {
        void refresh();
        return api.on('runs.changed', ({ runIds, experimentIds }) => {
          if (runIds.includes(runId)) void refresh();
          const exp = get().run?.info.experiment_id;
          if (exp && experimentIds.includes(exp) && runIds.some((id) => id !== runId)) void refreshChildren();
        });
      },
    };
  });
  return store;
}

export type RunStore = ReturnType<typeof createRunStore>;
export const useRun = <T,>(store: RunStore, pick: (s: RunState) => T) => useStore(store, pick);
