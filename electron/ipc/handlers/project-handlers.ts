import { invalidParam, MlflowError } from '../../../shared/domain/mlflow-error';
import type { ProjectRunStarted } from '../../../shared/ipc/project-types';
import { JobStartError } from '../../jobs/job-runner';
import { resolvePython } from '../../python-env';
import { ProjectError } from '../../projects/project-errors';
import { inspectProject } from '../../projects/project-inspect';
import { PROJECT_RUN_JOB } from '../../projects/project-jobs';
import { projectEventHub, type ProjectEvent } from '../../projects/project-output';
import { recentProjects } from '../../projects/recent-projects';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import type { SyncHandlerDeps } from './sync-handlers';

type RunEvent = Extract<ProjectEvent, { type: 'run' }>;
type ProjectHandlers = Pick<Handlers, 'projects.inspect' | 'projects.run' | 'projects.recent'>;

/** A project problem (bad MLproject, parameter of the wrong type) as the contract's bad_input. */
async function asBadInput<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProjectError || err instanceof JobStartError) throw invalidParam(err.message);
    throw err;
  }
}

/** The contract's project methods (shared/ipc/project-contract.ts). */
export function projectHandlers(svc: ServiceContext, deps: SyncHandlerDeps): ProjectHandlers {
  return {
    'projects.inspect': (input) => asBadInput(() => inspectProject(input.uri, input.version)),
    'projects.run': (input) =>
      asBadInput(async () => {
        const { python, ...rest } = input;
        let resolved: string | undefined;
        try {
          resolved = python === undefined ? undefined : resolvePython(python);
        } catch (err) {
          throw invalidParam((err as Error).message.replace('--python ', 'python: '));
        }
        // the job tells the hub once its run exists; answer then (or with why it ended before)
        let jobId: string | null = null;
        let created: (run: RunEvent) => void = () => {};
        const early: RunEvent[] = [];
        const stop = projectEventHub.subscribe((e) => {
          if (e.type !== 'run') return;
          if (jobId === null) early.push(e);
          else if (e.jobId === jobId) created(e);
        });
        try {
          const job = deps.jobs.start({ kind: PROJECT_RUN_JOB, args: { ...rest, ...(resolved ? { python: resolved } : {}) } });
          jobId = job.id;
          deps.feed.title(job.id, `Run project: ${input.uri.split(/[\\/]/).filter(Boolean).at(-1) ?? input.uri} (${input.entryPoint})`);
          const run = await new Promise<RunEvent | null>((resolve) => {
            created = resolve;
            const before = early.find((e) => e.jobId === job.id);
            if (before) resolve(before);
            void job.done.then(() => resolve(null));
          });
          if (!run) {
            const ended = await job.done;
            throw new MlflowError('INVALID_PARAMETER_VALUE', ended.outcome?.problems[0]?.message ?? ended.outcome?.summary ?? 'the project did not start');
          }
          const started: ProjectRunStarted = { job: deps.feed.get(job.id)!, runId: run.runId, experimentId: run.experimentId };
          return started;
        } finally {
          stop();
        }
      }),
    'projects.recent': () => recentProjects(svc),
  };
}
