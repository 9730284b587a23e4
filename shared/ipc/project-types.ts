/** Output shapes of the contract's project methods (MLflow Projects, issue 13). */
import type { JobView } from './sync-types';

/** A parameter type of an MLproject entry point (MLflow's `int` is shown as a number: 'float'). */
export type ProjectParamType = 'float' | 'path' | 'uri' | 'string';

export interface ProjectParameterView {
  name: string;
  type: ProjectParamType;
  /** The MLproject's default, as text; absent when the parameter must be given. */
  default?: string;
}

export interface ProjectEntryPointView {
  name: string;
  /** The command template, e.g. `python train.py --alpha {alpha}`. */
  command: string;
  parameters: ProjectParameterView[];
}

export type ProjectEnvKind = 'python_env' | 'conda_env' | 'docker_env' | 'none';

export interface ProjectEnvView {
  kind: ProjectEnvKind;
  /** Whether Sextant can run this project's environment here (conda and docker: no). */
  available: boolean;
  /** Why not, in one line a person reads. */
  problem?: string;
}

/** projects.inspect: what a project folder or repository offers. */
export interface ProjectView {
  uri: string;
  /** The MLproject's `name`, null when it has none (or no MLproject). */
  name: string | null;
  entryPoints: ProjectEntryPointView[];
  env: ProjectEnvView;
}

/** projects.run: the job running the project, and the run it records into. */
export interface ProjectRunStarted {
  job: JobView;
  runId: string;
  experimentId: string;
}

/** projects.recent: a project run before, newest first. */
export interface RecentProject {
  uri: string;
  name: string | null;
  lastRunAt: number;
}

/** A project's environment manager: the one list in env-managers.ts (the same as model serving's). */
export { ENV_MANAGERS as PROJECT_ENV_MANAGERS, type EnvManager as ProjectEnvManager } from './env-managers';
