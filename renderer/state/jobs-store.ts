import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Input } from '../../shared/ipc/contract';
import type { JobView } from '../../shared/ipc/sync-types';
import type { Client } from '../api/client';
import { addSample, type RateSample } from './job-rate';

export interface JobsState {
  /** Jobs by id, in the order they started. */
  jobs: JobView[];
  /** Recent (time, bytes, items) samples per running job, for its rate and ETA. */
  samples: Record<string, RateSample[]>;
  /** Jobs the person closed in the panel (ended ones only). */
  dismissed: Set<string>;
  /** Why the last start was refused, for the panel to show. */
  startError: string | null;
  refresh(): Promise<void>;
  start(input: Input<'jobs.start'>): Promise<JobView | null>;
  cancel(id: string): Promise<void>;
  dismiss(id: string): void;
  clearStartError(): void;
}

/**
 * App-level: the long jobs (push, pull) this store's holder runs, fed by `jobs.changed`, so the
 * progress panel survives navigation and shows jobs a command handed over too.
 */
export function createJobsStore(api: Client, now: () => number = Date.now) {
  const upsert = (job: JobView) =>
    store.setState((s) => {
      const i = s.jobs.findIndex((j) => j.id === job.id);
      // A job that ends at once can end (event) before the answer to its start arrives: the
      // older, running view must not bring it back to life.
      if (i >= 0 && s.jobs[i]!.state !== 'running' && job.state === 'running') return s;
      const jobs = i < 0 ? [...s.jobs, job] : s.jobs.map((j) => (j.id === job.id ? job : j));
      const samples = { ...s.samples };
      if (job.state === 'running') samples[job.id] = addSample(samples[job.id] ?? [], { at: now(), bytes: job.progress.bytesDone, items: job.progress.itemsDone });
      else delete samples[job.id];
      return { jobs, samples };
    });
  const store = createStore<JobsState>()((set) => ({
    jobs: [],
    samples: {},
    dismissed: new Set(),
    startError: null,
    async refresh() {
      try {
        for (const job of await api.call('jobs.list', {})) upsert(job);
      } catch {
        // the panel shows what events bring; a failed list is not worth a message
      }
    },
    async start(input) {
      try {
        const job = await api.call('jobs.start', input);
        upsert(job);
        set({ startError: null });
        return job;
      } catch (e) {
        set({ startError: (e as Error).message });
        return null;
      }
    },
    async cancel(id) {
      await api.call('jobs.cancel', { id }).catch(() => undefined);
    },
    dismiss(id) {
      set((s) => ({ dismissed: new Set([...s.dismissed, id]) }));
    },
    clearStartError() {
      set({ startError: null });
    },
  }));
  api.on('jobs.changed', ({ job }) => upsert(job));
  return store;
}

export type JobsStore = ReturnType<typeof createJobsStore>;
export const useJobs = <T,>(store: JobsStore, pick: (s: JobsState) => T) => useStore(store, pick);
