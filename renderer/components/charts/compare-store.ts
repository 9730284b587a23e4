import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Run } from '../../../shared/domain/tracking';
import { ApiError, type Client } from '../../api/client';

export const MAX_COMPARE = 100;

export interface CompareState {
  /** The runs found, in the order asked for. */
  runs: Run[];
  /** Ids no run has. */
  unknown: string[];
  /** Ids beyond the first 100, left out. */
  dropped: string[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  /** Re-reads some of the runs (after `runs.changed`). */
  reload(ids: string[]): Promise<void>;
  /** Follows `runs.changed` for the compared runs, throttled; returns the way to stop. */
  startLive(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The runs of the compare page, fetched one by one with `runs.get`; unknown ids are reported, not fatal. */
export function createCompareStore(api: Client, runIds: readonly string[], opts: { liveMs?: number } = {}) {
  const unique = [...new Set(runIds)];
  const ids = unique.slice(0, MAX_COMPARE);
  const liveMs = opts.liveMs ?? 500;

  const store = createStore<CompareState>()((set, get) => {
    async function fetchRuns(which: string[]): Promise<{ found: Run[]; unknown: string[] }> {
      const results = await Promise.allSettled(which.map((runId) => api.call('runs.get', { runId })));
      const found: Run[] = [];
      const unknown: string[] = [];
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') found.push(r.value);
        else if (r.reason instanceof ApiError && (r.reason.code === 'not_found' || r.reason.code === 'bad_input')) unknown.push(which[i]!);
        else throw r.reason;
      });
      return { found, unknown };
    }

    return {
      runs: [],
      unknown: [],
      dropped: unique.slice(MAX_COMPARE),
      status: 'loading',
      error: null,
      async load() {
        set({ status: 'loading', error: null });
        try {
          const { found, unknown } = await fetchRuns(ids);
          set({ runs: found, unknown, status: 'ready' });
        } catch (e) {
          set({ status: 'error', error: message(e) });
        }
      },
      async reload(which) {
        try {
          const { found } = await fetchRuns(which);
          const byId = new Map(found.map((r) => [r.info.run_id, r]));
          set((s) => ({ runs: s.runs.map((r) => byId.get(r.info.run_id) ?? r) }));
        } catch (e) {
          set({ error: message(e) });
        }
      },
      startLive() {
        const pending = new Set<string>();
        let timer: ReturnType<typeof setTimeout> | null = null;
        const off = api.on('runs.changed', ({ runIds: changed }) => {
          for (const id of changed) if (get().runs.some((r) => r.info.run_id === id)) pending.add(id);
          if (pending.size && !timer) {
            timer = setTimeout(() => {
              timer = null;
              const which = [...pending];
              pending.clear();
              void get().reload(which);
            }, liveMs);
          }
        });
        return () => {
          off();
          if (timer) clearTimeout(timer);
        };
      },
    };
  });
  return store;
}

export type CompareStore = ReturnType<typeof createCompareStore>;
export const useCompare = <T,>(store: CompareStore, select: (s: CompareState) => T) => useStore(store, select);
