import { invalidParam } from '../../../shared/domain/mlflow-error';
import type { Input } from '../../../shared/ipc/contract';
import { JobStartError, type JobRunner } from '../../jobs/job-runner';
import { getExperiment } from '../../services/experiments-service';
import { requireRemote } from '../../services/remotes-service';
import { getRun } from '../../services/runs-service';
import type { ServiceContext } from '../../services/service-context';
import type { Handlers } from '../dispatch';
import type { JobsFeed } from '../jobs-feed';

type JobHandlers = Pick<Handlers, 'jobs.list' | 'jobs.start' | 'jobs.cancel'>;
type StartInput = Input<'jobs.start'>;

const list = (names: string[], max = 3) => (names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`);

/** The experiments (by name) of the given runs (a pull takes whole experiments). */
function experimentsOfRuns(svc: ServiceContext, runIds: string[]): string[] {
  const ids = new Set(runIds.map((id) => getRun(svc, id).info.experiment_id));
  return [...ids].map((id) => getExperiment(svc, id).name);
}

/** What a person reads in the progress panel for a job the UI started. */
export function jobTitle(input: StartInput, experiments: string[]): string {
  const verb = input.kind === 'push' ? 'Push to' : 'Pull from';
  const what = input.models?.length ? `model ${list(input.models)}` : experiments.length ? list(experiments) : 'everything';
  const selected = `${input.runIds?.length} selected run${input.runIds?.length === 1 ? '' : 's'}`;
  const runs = !input.runIds?.length ? '' : input.kind === 'push' ? ` (${selected})` : ` (the experiment${experiments.length === 1 ? '' : 's'} of ${selected})`;
  return `${verb} ${input.remote}: ${what}${runs}`;
}

/** Push, pull and cancel, run by the store holder's JobRunner (the CLI's jobs show here too). */
export function jobHandlers(svc: ServiceContext, runner: JobRunner, feed: JobsFeed): JobHandlers {
  return {
    'jobs.list': () => feed.list(),
    'jobs.start': async (input) => {
      requireRemote(svc, input.remote);
      const experiments = [...new Set([...(input.experiments ?? []), ...experimentsOfRuns(svc, input.runIds ?? [])])];
      const args = { remote: input.remote, experiments, models: input.models ?? [] };
      // A push takes the selected runs themselves (with the runs they are nested under); a pull, their experiments.
      const pushArgs = { ...args, experiments: input.experiments ?? [], ...(input.runIds?.length ? { runIds: input.runIds } : {}), dryRun: false, env: {} };
      let id: string;
      try {
        id = runner.start({ kind: input.kind, args: input.kind === 'push' ? pushArgs : args }).id;
      } catch (err) {
        if (err instanceof JobStartError && /unknown job kind/.test(err.message)) throw invalidParam(`${input.kind === 'pull' ? 'Pull' : 'Push'} is not available in this version of Sextant yet.`);
        if (err instanceof JobStartError) throw invalidParam(err.message);
        throw err;
      }
      feed.title(id, jobTitle(input, experiments));
      return feed.get(id)!;
    },
    'jobs.cancel': ({ id }) => ({ cancelled: runner.cancel(id) }),
  };
}
