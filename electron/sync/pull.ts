import type { Experiment, Run } from '../../shared/domain/tracking';
import { formatBytes } from '../jobs/progress-line';
import type { ServiceContext } from '../services/service-context';
import type { SyncFact } from '../store/ops/op-types';
import { remoteId } from '../store/sync/sync-repo';
import { classifyRun } from './pull-classify';
import type { ArtifactMode, PullRunContext } from './pull-context';
import { ensureLocalExperiment, pullExperimentTags } from './pull-experiment';
import type { PullPort } from './pull-port';
import { PullModelsStep, withModelsPart, type PullModelDetails } from './pull-models-step';
import { pullRun, refreshPulledRun } from './pull-run';
import { forEachLimited, limited } from './pool';
import type { JobProblem, JobProgress } from '../jobs/job-types';
import { RemoteError } from './remote-error';

const formatCount = (n: number) => n.toLocaleString('en-US');

export interface PullOptions {
  svc: ServiceContext;
  remote: string;
  client: PullPort;
  /** Remote experiment names; none (and no models): every active remote experiment. */
  experiments: string[];
  /** Registered models to pull with all their versions (and the experiments they come from). */
  models?: string[];
  artifacts: ArtifactMode;
  signal?: AbortSignal;
  progress?(p: JobProgress): void;
  /** Runs copied at once. */
  concurrency?: number;
}

export interface PullReport {
  summary: string;
  problems: JobProblem[];
  details: { created: number; updated: number; unchanged: number; own: number; points: number; artifacts: number; removed: number; bytes: number; artifactsMode: ArtifactMode } & Partial<PullModelDetails>;
}

/**
 * Copies remote experiments into the store for offline work. Runs keep their remote ids; runs this
 * store pushed are recognised by their lineage and left alone. Only what changed is fetched: a
 * finished run that runs/search shows as it was at the last pull costs its place on the page and a
 * listing of its artifact tree (files logged to a finished run do not show in runs/search). Each
 * step is recorded as it is applied (what the remote has of every run, as push records it), so an
 * interrupted pull run again finishes exactly once, and a later push sends only local edits.
 */
export async function pull(opts: PullOptions): Promise<PullReport> {
  const { svc, remote, client, signal } = opts;
  const started = Date.now();
  const problems: JobProblem[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, own: 0, points: 0, artifacts: 0, removed: 0, bytes: 0 };
  /** Folder listings in flight, shared by the runs whose files are checked again (see refreshPulledRun). */
  const listings = limited(8);
  const progress = { phase: 'pull', itemsDone: 0, itemsTotal: 0, bytesDone: 0, bytesTotal: 0 } satisfies JobProgress;
  const tell = (current?: string) => opts.progress?.({ ...progress, current });
  const record = (facts: SyncFact[]) => svc.store.commit({ type: 'sync.record', remote, facts, time: svc.now() }).then(() => undefined);
  const problem = (item: string, message: string) => void problems.push({ item, message });
  const runCtx: PullRunContext = {
    svc, remote, client, artifacts: opts.artifacts, signal, record, problem,
    copied: (points, bytes) => {
      counts.points += points;
      counts.bytes += bytes;
      progress.bytesDone += bytes;
      progress.bytesTotal = Math.max(progress.bytesTotal, progress.bytesDone);
      tell();
    },
  };
  tell();
  const modelsStep = new PullModelsStep(runCtx, opts.models ?? [], tell);
  const asked = await modelsStep.experiments(opts.experiments);
  for (const exp of asked ? await remoteExperiments({ ...opts, experiments: asked }, problems) : []) {
    if (signal?.aborted) break;
    const local = await ensureLocalExperiment(runCtx, exp);
    if ('conflict' in local) {
      problem(`experiment '${exp.name}'`, local.conflict);
      continue;
    }
    await pullExperimentTags(runCtx, local.id, exp);
    for await (const page of client.searchPages('runs/search', { experiment_ids: [exp.experiment_id], run_view_type: 'ALL', max_results: 1000 }, { signal })) {
      const runs = (page.runs ?? []) as Run[];
      modelsStep.noteRuns(runs);
      progress.itemsTotal += runs.length;
      const toCopy: Run[] = [];
      const unchanged = new Set<Run>(); // only their files can have changed: listed again
      for (const run of runs) {
        const c = classifyRun(svc.store.db, remote, run);
        if (c.kind === 'unchanged') unchanged.add(run);
        if (c.kind === 'copy' || c.kind === 'unchanged') toCopy.push(run);
        else {
          if (c.kind === 'own') {
            counts.own++;
            if (remoteId(svc.store.db, remote, 'run', c.localId) !== run.info.run_id) await record([{ kind: 'id', entity: 'run', localId: c.localId, remoteId: run.info.run_id }]);
          } else problem(runItem(run), c.why);
          progress.itemsDone++;
        }
      }
      tell();
      await forEachLimited(toCopy, opts.concurrency ?? 4, async (run) => {
        const item = runItem(run);
        tell(item);
        try {
          const r = unchanged.has(run) ? await refreshPulledRun(runCtx, run, item, listings) : await pullRun(runCtx, run, local.id, item);
          if (signal?.aborted) return;
          counts[r.created ? 'created' : r.changed ? 'updated' : 'unchanged']++;
          counts.artifacts += r.artifacts;
          counts.removed += r.removed;
        } catch (err) {
          if (!signal?.aborted) problem(item, err instanceof RemoteError ? `${err.message}; pull again to finish it` : (err as Error).message);
        }
        progress.itemsDone++;
        tell();
      }, signal);
      if (signal?.aborted) break;
    }
    if (!signal?.aborted) await modelsStep.afterExperiment(exp.experiment_id, local.id);
  }
  await modelsStep.finish();
  const report: PullReport = { summary: summarise(remote, opts.artifacts, counts, problems.length, Date.now() - started), problems, details: { ...counts, artifactsMode: opts.artifacts, ...modelsStep.details() } };
  report.summary = withModelsPart(report.summary, modelsStep.summaryPart());
  if (signal?.aborted) report.problems.push({ item: 'pull', message: 'cancelled; run it again to finish (what was copied is recorded)' });
  else await svc.store.commit({ type: 'sync.record', remote, facts: [], summary: report.summary, time: svc.now() });
  return report;
}

const runItem = (run: Run) => `run '${run.info.run_name}' (${run.info.run_id})`;

async function remoteExperiments(opts: PullOptions, problems: JobProblem[]): Promise<Experiment[]> {
  const { client, signal } = opts;
  if (!opts.experiments.length) {
    const out: Experiment[] = [];
    for await (const page of client.searchPages('experiments/search', { view_type: 'ACTIVE_ONLY', max_results: 1000 }, { signal })) out.push(...((page.experiments ?? []) as Experiment[]));
    return out;
  }
  const out: Experiment[] = [];
  for (const name of opts.experiments) {
    try {
      const exp = (await client.get<{ experiment: Experiment }>('experiments/get-by-name', { experiment_name: name }, { signal })).experiment;
      if (exp.lifecycle_stage === 'deleted') problems.push({ item: `experiment '${name}'`, message: 'it is deleted on the remote; restore it there (mlflow experiments restore) to pull it' });
      else out.push(exp);
    } catch (err) {
      if (!(err instanceof RemoteError && err.errorCode === 'RESOURCE_DOES_NOT_EXIST')) throw err;
      problems.push({ item: `experiment '${name}'`, message: 'there is no experiment of that name on the remote' });
    }
  }
  return out;
}

function summarise(remote: string, mode: ArtifactMode, c: Omit<PullReport['details'], 'artifactsMode'>, problems: number, ms: number): string {
  const runs = c.created + c.updated;
  const files = mode === 'eager' ? `${formatCount(c.artifacts)} artifacts (${formatBytes(c.bytes)})` : `${formatCount(c.artifacts)} artifacts (${formatBytes(c.bytes)} downloaded; the rest on first open)`;
  const removed = c.removed ? `, ${formatCount(c.removed)} removed (deleted on the remote)` : '';
  const tail = problems ? `; ${problems} problem${problems === 1 ? '' : 's'}` : '';
  return `pulled ${formatCount(runs)} run${runs === 1 ? '' : 's'} from ${remote} (${formatCount(c.created)} new, ${formatCount(c.updated)} updated, ${formatCount(c.unchanged)} unchanged), ${formatCount(c.points)} points, ${files}${removed} in ${(ms / 1000).toFixed(1)} s${tail}`;
}
