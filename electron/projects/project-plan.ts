import type { ProjectEnvManager } from '../../shared/ipc/project-types';
import { ProjectError } from './project-errors';
import { buildCommand, resolveParams, type ResolvedParams } from './project-params';
import { fetchProject, type ProjectSource } from './project-source';
import { entryPointOf, loadProject, type EntryPointSpec, type ProjectSpec } from './project-spec';

/** What a person asked to run. */
export interface ProjectRequest {
  uri: string;
  version?: string;
  entryPoint: string;
  params: Record<string, string>;
  envManager?: ProjectEnvManager;
  /** Where relative URIs and given `path` values resolve (the CLI's working folder). */
  cwd?: string;
  /** The variables git runs with (a holder passes childEnv with its store's remotes). */
  gitEnv?: NodeJS.ProcessEnv;
  /** Where a clone is made (default the system temp folder). */
  tempDir?: string;
}

/** A project fetched, its entry point chosen and its parameters checked: ready to record and run. */
export interface ProjectPlan {
  source: ProjectSource;
  spec: ProjectSpec;
  entry: EntryPointSpec;
  params: ResolvedParams;
  command: string;
  envManager: ProjectEnvManager;
}

/**
 * Fetches the project and checks everything that can be checked before a run exists: the
 * MLproject, the entry point, every parameter against its type, and whether its environment can
 * run here. Throws ProjectError (the clone, if any, removed).
 */
export async function planProject(req: ProjectRequest, signal?: AbortSignal): Promise<ProjectPlan> {
  const source = await fetchProject({ uri: req.uri, ...(req.version !== undefined ? { version: req.version } : {}), ...(req.cwd ? { cwd: req.cwd } : {}), ...(req.gitEnv ? { gitEnv: req.gitEnv } : {}), ...(req.tempDir ? { tempDir: req.tempDir } : {}), ...(signal ? { signal } : {}) });
  try {
    const spec = loadProject(source.dir);
    const entry = entryPointOf(spec, req.entryPoint);
    const params = resolveParams(entry, req.params, { projectDir: source.dir, ...(req.cwd ? { cwd: req.cwd } : {}) });
    const command = buildCommand(entry, params);
    const envManager = req.envManager ?? (spec.env.kind === 'python_env' ? 'virtualenv' : 'local');
    checkEnvironment(spec, envManager);
    return { source, spec, entry, params, command, envManager };
  } catch (err) {
    source.dispose();
    throw err;
  }
}

/** What stops a project's environment from running here, or null. */
export function environmentProblem(spec: ProjectSpec, manager?: ProjectEnvManager): string | null {
  if (spec.env.kind === 'docker_env') {
    return `this project runs in a Docker image (docker_env: ${spec.env.image ?? '?'}), and Sextant does not run Docker projects; run it with \`mlflow run\` where Docker is available`;
  }
  if (spec.env.kind === 'conda_env' && manager !== 'local') {
    return 'this project uses a conda environment (conda_env), and conda is not available in Sextant; run it with --env-manager local (the Python you choose with --python), or give it a python_env.yaml';
  }
  return null;
}

function checkEnvironment(spec: ProjectSpec, manager: ProjectEnvManager): void {
  const problem = environmentProblem(spec, manager);
  if (problem) throw new ProjectError(problem);
}
