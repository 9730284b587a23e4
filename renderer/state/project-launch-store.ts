import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { JobView, JobViewState } from '../../shared/ipc/sync-types';
import { appendLog, EMPTY_LOG, type LogBuffer } from './project-log-buffer';
import type { ProjectRunStarted, ProjectsPort, RunProjectInput } from './project-types';

/** A project run this window saw start or stream output: its job, state and output so far. */
export interface LaunchView {
  runId: string;
  /** Known once the run's first output or its start answer arrived. */
  jobId: string | null;
  experimentId: string | null;
  state: JobViewState;
  /** Once it ended: why it failed ("the command failed (exit code 3)"), else the job's one-line outcome. */
  summary: string | null;
  log: LogBuffer;
  /** True once output came as `projects.output` events (else the panel reads the run's kept output once it ended). */
  streamed: boolean;
}

export interface LaunchesState {
  /** By run id. */
  launches: Record<string, LaunchView>;
  /** Starts the project; throws the refusal (bad param, env not available) for the form to show. */
  launch(input: RunProjectInput): Promise<ProjectRunStarted>;
  cancel(runId: string): Promise<void>;
}

const outcomeOf = (job: JobView): string | null => (job.state === 'failed' ? job.outcome?.problems[0]?.message : undefined) ?? job.outcome?.summary ?? null;

const blank = (runId: string): LaunchView => ({ runId, jobId: null, experimentId: null, state: 'running', summary: null, log: EMPTY_LOG, streamed: false });

/**
 * App-wide: project runs and their streamed output, so the run page a launch opens (or any run
 * page open while a project streams) shows the live log and can cancel, across navigation.
 */
export function createLaunchesStore(port: ProjectsPort) {
  const patch = (runId: string, change: (l: LaunchView) => Partial<LaunchView>) =>
    store.setState((s) => {
      const current = s.launches[runId] ?? blank(runId);
      return { launches: { ...s.launches, [runId]: { ...current, ...change(current) } } };
    });
  const store = createStore<LaunchesState>()(() => ({
    launches: {},
    async launch(input) {
      const started = await port.run(input);
      patch(started.runId, (l) => ({
        jobId: started.job.id,
        experimentId: started.experimentId,
        // the job may have ended (event) before this answer: keep the end
        ...(l.state === 'running' ? { state: started.job.state, summary: outcomeOf(started.job) } : {}),
      }));
      return started;
    },
    async cancel(runId) {
      const jobId = store.getState().launches[runId]?.jobId;
      if (jobId) await port.cancel(jobId);
    },
  }));
  port.onOutput(({ jobId, runId, text }) => patch(runId, (l) => ({ jobId, log: appendLog(l.log, text), streamed: true })));
  port.onJob((job) => {
    const launch = Object.values(store.getState().launches).find((l) => l.jobId === job.id);
    if (!launch || (launch.state !== 'running' && job.state === 'running')) return;
    patch(launch.runId, () => ({ state: job.state, summary: outcomeOf(job) }));
  });
  return store;
}

export type LaunchesStore = ReturnType<typeof createLaunchesStore>;
export const useLaunches = <T,>(store: LaunchesStore, pick: (s: LaunchesState) => T) => useStore(store, pick);
