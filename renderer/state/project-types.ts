import type { JobView } from '../../shared/ipc/sync-types';
import type { ParamSpec } from './project-params';

/**
 * The projects side as the UI's stores need it: a port over the contract's `projects.*` methods,
 * `jobs.cancel` and the `projects.output` / `jobs.changed` events (stores take it as an argument,
 * tests give a fake), and the shapes they carry.
 */

export interface EntryPointView {
  name: string;
  command: string;
  parameters: ParamSpec[];
}

/** Whether the project's environment can be made here (conda or docker may not be). */
export interface ProjectEnvView {
  kind: string;
  available: boolean;
  problem?: string;
}

export interface ProjectView {
  uri: string;
  /** The MLproject's `name`; null without one. */
  name: string | null;
  entryPoints: EntryPointView[];
  env: ProjectEnvView;
}

export interface RecentProject {
  uri: string;
  name: string | null;
  lastRunAt: number;
}

export interface RunProjectInput {
  uri: string;
  version?: string;
  entryPoint: string;
  params: Record<string, string>;
  experimentName?: string;
  runName?: string;
  envManager?: string;
  /** The Python to run with (local) or build the environment from: a full path. */
  python?: string;
}

export interface ProjectLaunch {
  job: JobView;
  runId: string;
  experimentId: string;
}

export interface ProjectOutput {
  jobId: string;
  runId: string;
  text: string;
}

export interface ProjectsPort {
  inspect(uri: string, version?: string): Promise<ProjectView>;
  run(input: RunProjectInput): Promise<ProjectLaunch>;
  recent(): Promise<RecentProject[]>;
  cancel(jobId: string): Promise<void>;
  onOutput(cb: (out: ProjectOutput) => void): () => void;
  onJob(cb: (job: JobView) => void): () => void;
}

export const ENV_MANAGERS = ['local', 'virtualenv', 'uv'] as const;
