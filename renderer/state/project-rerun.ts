import type { Run } from '../../shared/domain/tracking';
import { isEnvManager, type EnvManager } from '../../shared/ipc/env-managers';

/**
 * What a run launched from an MLflow project records (the tags `mlflow run` and `sextant run`
 * set), read back to run it again: its source, entry point, environment and parameters. Pure.
 */
export interface ProjectRerun {
  uri: string;
  /** The git commit it ran at, when the project is a git repository. */
  version?: string;
  entryPoint: string;
  params: Record<string, string>;
  /** Absent when the run used one this app cannot pick (MLflow's `conda`). */
  envManager?: EnvManager;
  experimentId: string;
  runName?: string;
}

export const SOURCE_TYPE_TAG = 'mlflow.source.type';

const tagOf = (run: Run, key: string) => run.data.tags?.find((t) => t.key === key)?.value;

export const isProjectRun = (run: Run): boolean => tagOf(run, SOURCE_TYPE_TAG) === 'PROJECT' && !!tagOf(run, 'mlflow.source.name');

/** The form's prefill to rerun a project run; null for runs that did not come from a project. */
export function rerunOf(run: Run): ProjectRerun | null {
  if (!isProjectRun(run)) return null;
  const params = Object.fromEntries((run.data.params ?? []).map((p) => [p.key, p.value]));
  const version = tagOf(run, 'mlflow.source.git.commit');
  const env = tagOf(run, 'mlflow.project.env');
  return {
    uri: tagOf(run, 'mlflow.source.name')!,
    ...(version ? { version } : {}),
    entryPoint: tagOf(run, 'mlflow.project.entryPoint') || 'main',
    params,
    // MLflow records `conda` for conda envs (not run here: the project decides) and the manager's name otherwise
    ...(isEnvManager(env) ? { envManager: env } : {}),
    experimentId: run.info.experiment_id,
    ...(run.info.run_name ? { runName: run.info.run_name } : {}),
  };
}
