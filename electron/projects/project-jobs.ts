import { dirname, isAbsolute } from 'node:path';
import { z } from 'zod';
import { MlflowError } from '../../shared/domain/mlflow-error';
import { tmpdir } from 'node:os';
import { PROJECT_ENV_MANAGERS } from '../../shared/ipc/project-types';
import type { JobHandlers, JobOutcome } from '../jobs/job-types';
import type { JobDeps } from '../jobs/local-jobs';
import { defaultEnvCacheDir } from '../python-env';
import { childEnv } from '../secrets/child-env';
import { listRemotes } from '../store/sync/sync-repo';
import { removeOrphanedFolders } from '../temp-folders';
import { stripCredentials } from './git';
import { TextLines } from '../python-env/text-lines';
import { projectEventHub, type ProjectEventHub } from './project-output';
import { RunsUnderWay, settleInterruptedRuns } from './interrupted-runs';
import { ProjectError } from './project-errors';
import { planProject, type ProjectPlan } from './project-plan';
import { PROJECT_TEMP_PREFIX } from './project-source';
import { executeProjectRun, OUTPUT_ARTIFACT, recordProjectRun, type RecordedRun } from './project-run';

export const PROJECT_RUN_JOB = 'project-run';

/** What a project-run job is asked (by `sextant run` or the app's projects.run). */
export const ProjectRunArgs = z.object({
  uri: z.string().min(1).max(4096),
  version: z.string().min(1).max(256).optional(),
  entryPoint: z.string().min(1).max(1000).default('main'),
  params: z.record(z.string().min(1).max(250), z.string().max(6000)).default({}),
  experimentName: z.string().min(1).max(500).optional(),
  runName: z.string().min(1).max(250).optional(),
  envManager: z.enum(PROJECT_ENV_MANAGERS).optional(),
  /** An absolute path (the CLI resolves --python before handing the job over). */
  python: z.string().min(1).max(4096).refine(isAbsolute, 'a full path').optional(),
  /** The caller's working folder (relative URIs and path values); absolute. */
  cwd: z.string().min(1).max(4096).refine(isAbsolute, 'a full path').optional(),
  user: z.string().min(1).max(256).optional(),
  /**
   * The caller's environment (the CLI's, so a project handed to the app or `sextant serve` runs
   * with the PATH, virtualenv and variables of the shell it was started from). Default: this process's.
   */
  env: z.record(z.string().max(1000), z.string().max(128 * 1024)).optional(),
});
export type ProjectRunArgs = z.input<typeof ProjectRunArgs>;

/** What the job reports at its end (its `details`; `sextant run --json` prints it). */
export interface ProjectRunDetails {
  runId: string;
  experimentId: string;
  runName: string;
  status: 'FINISHED' | 'FAILED' | 'KILLED';
  exitCode: number | null;
  artifact: string;
}

export interface ProjectJobOptions {
  hub?: ProjectEventHub;
  envCacheDir?: () => string;
  /** Where the runs under way are listed (default: beside the environments, in the user's cache). */
  cacheRoot?: string;
  /** Where clones and output logs are made (default the system temp folder). */
  tempRoot?: string;
}

/** The project-run job (issue 13), run by the process holding the store. */
export function projectJobHandlers(deps: JobDeps, opts: ProjectJobOptions = {}): JobHandlers {
  const hub = opts.hub ?? projectEventHub;
  const underWay = RunsUnderWay.forStore(deps.store.dir, opts.cacheRoot ?? dirname((opts.envCacheDir ?? defaultEnvCacheDir)()));
  // runs a previous holder of this store left RUNNING when it stopped (killed, crashed) end FAILED
  void settleInterruptedRuns(deps.services, underWay, deps.log).catch((err: unknown) => deps.log(`project runs left RUNNING were not settled: ${(err as Error).message}`));
  // and the clones and output logs of a killed holder
  const tempRoot = opts.tempRoot ?? tmpdir();
  void removeOrphanedFolders(tempRoot, PROJECT_TEMP_PREFIX).catch(() => {});
  return {
    [PROJECT_RUN_JOB]: async (raw, ctx): Promise<JobOutcome> => {
      const parsed = ProjectRunArgs.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`bad project-run request: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
      }
      const args = parsed.data;
      const said = stripCredentials(args.uri);
      ctx.progress({ phase: args.version ? 'fetching the project' : 'reading the project', current: said });
      // git never sees the store's remotes' secrets, nor MLflow's or Sextant's credentials
      const gitEnv = childEnv(process.env, listRemotes(deps.services.store.db));
      let plan: ProjectPlan;
      try {
        plan = await planProject({ uri: args.uri, entryPoint: args.entryPoint, params: args.params, gitEnv, tempDir: tempRoot, ...pick(args, ['version', 'envManager', 'cwd']) }, ctx.signal);
      } catch (err) {
        if (!isPersonFacing(err)) throw err;
        return notRun(err.message);
      }
      try {
        let run: RecordedRun;
        try {
          run = await recordProjectRun(deps.services, plan, pick(args, ['experimentName', 'runName', 'user']));
        } catch (err) {
          if (!isPersonFacing(err)) throw err;
          return notRun(err.message); // e.g. --experiment names a deleted experiment
        }
        underWay.add(run.runId);
        hub.publish({ type: 'run', jobId: ctx.id, ...run });
        ctx.progress({ phase: 'running', current: `${run.runName} (${run.runId})` });
        const lines = { stdout: new TextLines(2000), stderr: new TextLines(2000) };
        const result = await executeProjectRun({
          svc: deps.services,
          plan,
          run,
          ...(args.python ? { python: args.python } : {}),
          ...(args.env ? { baseEnv: args.env } : {}),
          envCacheDir: (opts.envCacheDir ?? defaultEnvCacheDir)(),
          tempRoot,
          signal: ctx.signal,
          output: (stream, text) => {
            hub.publish({ type: 'output', jobId: ctx.id, runId: run.runId, stream, text });
            for (const line of lines[stream].push(Buffer.from(text))) ctx.log(line);
          },
          note: (line) => {
            hub.publish({ type: 'output', jobId: ctx.id, runId: run.runId, stream: 'note', text: `${line}\n` });
            ctx.log(`[sextant] ${line}`);
          },
        });
        underWay.remove(run.runId);
        for (const l of [...lines.stdout.end(), ...lines.stderr.end()]) ctx.log(l);
        const details: ProjectRunDetails = { ...run, status: result.status, exitCode: result.exitCode, artifact: OUTPUT_ARTIFACT };
        const what = `run ${run.runName} (${run.runId}) of ${plan.spec.name ?? said}, entry point ${plan.entry.name}`;
        if (result.status === 'FINISHED') return { summary: `${what}: FINISHED`, problems: [], details };
        if (result.status === 'KILLED') return { summary: `${what}: KILLED (cancelled)`, problems: [], details };
        return { summary: `${what}: FAILED`, problems: [{ item: run.runId, message: result.problem ?? 'failed' }], details };
      } finally {
        plan.source.dispose();
      }
    },
  };
}

/** What the person asked cannot run: said in one line, no run created, no stack in the log. */
const notRun = (message: string): JobOutcome => ({ summary: `project not run: ${message}`, problems: [{ item: 'project', message }] });
const isPersonFacing = (err: unknown): err is Error => err instanceof ProjectError || err instanceof MlflowError;

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): { [P in K]?: NonNullable<T[P]> } {
  const out: { [P in K]?: NonNullable<T[P]> } = {};
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== null) out[k] = obj[k] as NonNullable<T[typeof k]>;
  return out;
}
