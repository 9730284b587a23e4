import type { EventPayload, Input } from '../../shared/ipc/contract';
import type { ProjectRunStarted, ProjectView, RecentProject } from '../../shared/ipc/project-types';
import type { JobView } from '../../shared/ipc/sync-types';

/**
 * The projects side as the UI's stores need it: a port over the contract's `projects.*` methods,
 * `jobs.cancel` and the `projects.output` / `jobs.changed` events (stores take it as an argument,
 * tests give a fake). The shapes are the contract's own.
 */

export type { EnvManager } from '../../shared/ipc/env-managers';
export type { ProjectEntryPointView, ProjectRunStarted, ProjectView, RecentProject } from '../../shared/ipc/project-types';
export type RunProjectInput = Input<'projects.run'>;
export type ProjectOutput = EventPayload<'projects.output'>;

export interface ProjectsPort {
  inspect(uri: string, version?: string): Promise<ProjectView>;
  run(input: RunProjectInput): Promise<ProjectRunStarted>;
  recent(): Promise<RecentProject[]>;
  cancel(jobId: string): Promise<void>;
  onOutput(cb: (out: ProjectOutput) => void): () => void;
  onJob(cb: (job: JobView) => void): () => void;
}
