import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { KeyValue } from '../../shared/domain/tracking';
import { prepareEnvironment } from '../python-env';
import { artifactsOf, resolveArtifactPath, runArtifactRoot } from '../services/artifacts-service';
import { createExperiment, getExperimentByName } from '../services/experiments-service';
import { logToRun } from '../services/logging-service';
import { createRun, updateRun } from '../services/runs-service';
import type { ServiceContext } from '../services/service-context';
import { startTrackingServer } from '../server/tracking-server';
import { childEnv } from '../secrets/child-env';
import { listRemotes } from '../store/sync/sync-repo';
import { makeOwnedTempFolder } from '../temp-folders';
import { runInGroup } from './process-group';
import type { ProjectPlan } from './project-plan';
import { PROJECT_TEMP_PREFIX } from './project-source';

export const OUTPUT_ARTIFACT = 'project-output.log';

export interface RecordOptions {
  experimentName?: string;
  runName?: string;
  /** mlflow.user (the person who ran the command; default this process's user). */
  user?: string;
}

export interface RecordedRun {
  runId: string;
  experimentId: string;
  runName: string;
}

/** The tags `mlflow run` records on a project run (plus mlflow.project.env for every manager). */
export function projectTags(plan: ProjectPlan, user: string): KeyValue[] {
  const { source } = plan;
  const tags: KeyValue[] = [
    { key: 'mlflow.user', value: user },
    { key: 'mlflow.source.name', value: source.sourceName },
    { key: 'mlflow.source.type', value: 'PROJECT' },
    { key: 'mlflow.project.entryPoint', value: plan.entry.name },
    { key: 'mlflow.project.backend', value: 'local' },
    { key: 'mlflow.project.env', value: plan.envManager },
  ];
  if (source.commit) tags.push({ key: 'mlflow.source.git.commit', value: source.commit });
  if (source.repoUrl) tags.push({ key: 'mlflow.source.git.repoURL', value: source.repoUrl });
  if (source.branch) tags.push({ key: 'mlflow.source.git.branch', value: source.branch });
  if (plan.spec.name) tags.push({ key: 'sextant.project.name', value: plan.spec.name });
  return tags;
}

export const defaultUser = () => {
  try {
    return process.env.LOGNAME || process.env.USER || userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
};

/** Creates the run in the store (in the named experiment, made when missing) with the project's params and tags. */
export async function recordProjectRun(svc: ServiceContext, plan: ProjectPlan, opts: RecordOptions): Promise<RecordedRun> {
  let experimentId = '0';
  if (opts.experimentName) {
    try {
      experimentId = getExperimentByName(svc, opts.experimentName).experiment_id;
    } catch {
      experimentId = await createExperiment(svc, { name: opts.experimentName, tags: [] });
    }
  }
  const user = opts.user || defaultUser();
  const run = await createRun(svc, { experimentId, userId: user, startTime: svc.now(), tags: projectTags(plan, user), ...(opts.runName ? { runName: opts.runName } : {}) });
  const runId = run.info.run_id;
  const params = plan.params.logged;
  for (let i = 0; i < params.length; i += 100) await logToRun(svc, { runId, metrics: null, params: params.slice(i, i + 100), tags: [] });
  return { runId, experimentId, runName: run.info.run_name };
}

export interface ExecuteOptions {
  svc: ServiceContext;
  plan: ProjectPlan;
  run: RecordedRun;
  /** --python: the interpreter to use (local) or build from. */
  python?: string;
  /**
   * The variables the command runs with (before MLFLOW_*; default this process's). The environment
   * builders, the Python probe and the command get them without the store's remotes' secrets
   * and MLflow's and Sextant's credentials (childEnv).
   */
  baseEnv?: NodeJS.ProcessEnv;
  /** Where the output log is kept until it is stored (default the system temp folder). */
  tempRoot?: string;
  envCacheDir: string;
  /** The command's output, as it comes. */
  output: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Sextant's own lines about the run (environment, server, outcome). */
  note: (line: string) => void;
  signal: AbortSignal;
}

export interface ProjectRunResult {
  status: 'FINISHED' | 'FAILED' | 'KILLED';
  exitCode: number | null;
  /** Why it failed, in one line (null when it finished). */
  problem: string | null;
}

/**
 * Runs a recorded project run: prepares the environment, serves the store on a private loopback
 * port (with a token only this command gets) for the duration, runs the command in its own
 * process group with MLFLOW_TRACKING_URI, MLFLOW_RUN_ID and MLFLOW_EXPERIMENT_ID, keeps the
 * output as the run's project-output.log, and ends the run FINISHED, FAILED or KILLED.
 */
export async function executeProjectRun(opts: ExecuteOptions): Promise<ProjectRunResult> {
  const { svc, run, signal } = opts;
  const logDir = makeOwnedTempFolder(opts.tempRoot ?? tmpdir(), `${PROJECT_TEMP_PREFIX}log-`);
  const logFile = join(logDir, OUTPUT_ARTIFACT);
  const logStream = createWriteStream(logFile);
  const emit = (stream: 'stdout' | 'stderr', text: string) => {
    logStream.write(text);
    opts.output(stream, text);
  };
  const note = (line: string) => {
    logStream.write(`[sextant] ${line}\n`);
    opts.note(line);
  };
  let result: ProjectRunResult;
  try {
    result = await prepareAndRun(opts, emit, note);
  } catch (err) {
    result = signal.aborted ? { status: 'KILLED', exitCode: null, problem: 'cancelled' } : { status: 'FAILED', exitCode: null, problem: (err as Error).message.split('\n')[0] ?? 'failed' };
    note(result.status === 'KILLED' ? 'cancelled' : `failed: ${result.problem}`);
  }
  await new Promise<void>((r) => logStream.end(() => r()));
  try {
    const ref = resolveArtifactPath(svc, `${runArtifactRoot(svc, run.runId)}/${OUTPUT_ARTIFACT}`, { file: true });
    await artifactsOf(svc).write(ref, createReadStream(logFile));
  } catch (err) {
    opts.note(`could not keep the output as ${OUTPUT_ARTIFACT}: ${(err as Error).message}`);
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
  await updateRun(svc, { runId: run.runId, status: result.status, endTime: svc.now() });
  return result;
}

async function prepareAndRun(opts: ExecuteOptions, emit: (stream: 'stdout' | 'stderr', text: string) => void, note: (line: string) => void): Promise<ProjectRunResult> {
  const { svc, plan, run, signal } = opts;
  // never the store's remote secrets, MLflow's or Sextant's credentials (issue 12): not for pip, uv, venv, the probe, nor the command
  const baseEnv = childEnv(opts.baseEnv ?? process.env, listRemotes(svc.store.db));
  const prepared = await prepareEnvironment({
    manager: plan.envManager,
    ...(opts.python ? { python: opts.python } : {}),
    envFile: plan.spec.env.kind === 'python_env' ? plan.spec.env.file : null,
    projectDir: plan.source.dir,
    cacheDir: opts.envCacheDir,
    baseEnv,
    log: note,
    signal,
  });
  if (signal.aborted) return { status: 'KILLED', exitCode: null, problem: 'cancelled' };
  const token = randomBytes(24).toString('hex');
  const server = await startTrackingServer({ services: svc, host: '127.0.0.1', port: 0, token, log: () => {} });
  try {
    const env = { ...prepared.env };
    for (const k of ['MLFLOW_EXPERIMENT_NAME', 'MLFLOW_RUN_ID', 'MLFLOW_EXPERIMENT_ID']) delete env[k];
    Object.assign(env, { MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_TOKEN: token, MLFLOW_RUN_ID: run.runId, MLFLOW_EXPERIMENT_ID: run.experimentId });
    note(`=== Running command '${plan.command}' in run with ID '${run.runId}' ===`);
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    const exit = await runInGroup({ command: plan.command, cwd: plan.source.dir, env, signal, onOutput: (stream, chunk) => emit(stream, decoders[stream].write(chunk)) });
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = decoders[stream].end();
      if (rest) emit(stream, rest);
    }
    if (exit.killed || signal.aborted) {
      note(`=== Run (ID '${run.runId}') was cancelled: the command's process group was stopped ===`);
      return { status: 'KILLED', exitCode: exit.code, problem: 'cancelled' };
    }
    if (exit.code === 0) {
      note(`=== Run (ID '${run.runId}') succeeded ===`);
      return { status: 'FINISHED', exitCode: 0, problem: null };
    }
    const how = exit.code !== null ? `exit code ${exit.code}` : `signal ${exit.signal}`;
    note(`=== Run (ID '${run.runId}') failed (${how}) ===`);
    return { status: 'FAILED', exitCode: exit.code, problem: `the command failed (${how})` };
  } finally {
    await server.close();
  }
}
