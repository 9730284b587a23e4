import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RunRemoteState } from '../../shared/ipc/sync-types';
import type { Client } from '../api/client';

const CHUNK = 500;
const REREAD_MS = 1000;

export interface RunSyncState {
  /** Per run: what each remote has of it. Runs not asked about yet are missing. */
  states: Record<string, RunRemoteState[]>;
  /** Asks about these runs (and keeps them watched: re-read when a sync ends or they change). */
  watch(runIds: string[]): Promise<void>;
}

/**
 * The sync badges of a page's runs. Re-read for the watched runs when a job ends, and for runs
 * that changed (a client logged more: "changed since push"), at most once a second.
 */
export function createRunSyncStore(api: Client) {
  let watched: string[] = [];
  /**
   * Runs asked about once already. Without remotes the answer is empty, so `states` cannot tell
   * which runs were asked: without this, each page of a 50,000-run experiment asked again about
   * every run read so far (thousands of calls).
   */
  const asked = new Set<string>();
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const load = async (ids: string[]) => {
    for (let i = 0; i < ids.length; i += CHUNK) {
      try {
        const got = await api.call('sync.runStates', { runIds: ids.slice(i, i + CHUNK) });
        if (Object.keys(got).length) store.setState((s) => ({ states: { ...s.states, ...got } }));
      } catch {
        for (const id of ids.slice(i)) asked.delete(id); // asked again on the next watch
        return; // badges are a hint: a failed read leaves them as they were
      }
    }
  };
  const later = (ids: string[]) => {
    for (const id of ids) pending.add(id);
    timer ??= setTimeout(() => {
      timer = null;
      const ids = [...pending];
      pending = new Set();
      void load(ids);
    }, REREAD_MS);
  };
  const store = createStore<RunSyncState>()(() => ({
    states: {},
    async watch(runIds) {
      watched = runIds;
      const fresh = runIds.filter((id) => !asked.has(id));
      for (const id of fresh) asked.add(id);
      await load(fresh);
    },
  }));
  const offJobs = api.on('jobs.changed', ({ job }) => {
    if (job.state !== 'running') later(watched);
  });
  const offRuns = api.on('runs.changed', ({ runIds }) => {
    const w = new Set(watched);
    const ids = runIds.filter((id) => w.has(id));
    if (ids.length) later(ids);
  });
  const close = () => {
    offJobs();
    offRuns();
    if (timer) clearTimeout(timer);
  };
  return Object.assign(store, { close });
}

export type RunSyncStore = ReturnType<typeof createRunSyncStore>;
export const useRunSync = <T,>(store: RunSyncStore, pick: (s: RunSyncState) => T) => useStore(store, pick);
