import type { JobProblem, JobProgress } from '../../jobs/job-types';
import type { ServiceContext } from '../../services/service-context';
import type { ImportSourceInfo } from '../../store/ops/import-op-types';
import type { ClashChoice, ImportContext } from './import-context';
import { resolveExperiment, settleExperiment } from './import-experiment';
import { importLoggedModel } from './import-logged-models';
import { emptyCounts, summarise, type ImportDetails, type ImportedExperiment, type ImportReport } from './import-report';
import { importRegisteredModel } from './import-registry';
import { importRun } from './import-run';
import { SourceError, type ImportSource, type SourceExperiment } from './import-source';
import { bundleImportedOp, refuseBrokenChain } from '../bundle/bundle-chain';

export interface ImportOptions {
  svc: ServiceContext;
  source: ImportSource;
  /** Read everything, write nothing: report what would come in and what clashes. */
  dryRun?: boolean;
  /** What to do with a source experiment or model whose name is taken here; none: skip it and report it. */
  clash?: ClashChoice;
  signal?: AbortSignal;
  progress?(p: JobProgress): void;
}

/**
 * Writes an import source (mlruns, mlflow.db, bundle) into the store through the ordinary ops:
 * experiments (ids kept unless taken here), their logged models, their runs (ids always kept),
 * then the registry. Everything merges (see importRun), so importing the same source twice changes
 * nothing and importing it after MLflow logged more adds only what is new. What each source item
 * became is recorded, so a re-import finds it again. A SourceError stops the import before the
 * damaged item (whole items only were written) and names it; missing files are listed; a clash
 * the user made no choice for is skipped and reported. Never throws for the source's sake.
 */
export async function importSource(opts: ImportOptions): Promise<ImportReport> {
  const { svc, source, signal } = opts;
  const started = Date.now();
  const problems: JobProblem[] = [];
  const details: ImportDetails = {
    source: source.label, kind: source.kind, dryRun: opts.dryRun === true, counts: emptyCounts(), experiments: [], experimentIds: [], models: [], clashes: [], missing: [], cancelled: false,
  };
  const progress: JobProgress = { phase: opts.dryRun ? 'checking' : 'importing', itemsDone: 0, itemsTotal: 0, bytesDone: 0 };
  const tell = (current?: string) => opts.progress?.({ ...progress, ...(current ? { current } : {}) });
  const info: ImportSourceInfo = { identity: source.identity, kind: source.kind, label: source.label };
  refuseBrokenChain(svc.store.db, source.chain); // an incremental bundle needs the one it continues
  const ctx: ImportContext = {
    svc, source, info, dryRun: opts.dryRun === true, ...(opts.clash ? { clash: opts.clash } : {}), ...(signal ? { signal } : {}),
    counts: details.counts,
    problem: (item, message) => void problems.push({ item, message }),
    missing: (f) => {
      details.missing.push(f);
      problems.push({ item: f.item, message: `artifact '${f.path}' is missing in the source (${f.reason})` });
    },
    clashed: (c) => void details.clashes.push(c),
    copied: (bytes) => {
      progress.bytesDone += bytes;
      tell();
    },
    runArtifactUris: new Map(),
    modelLocations: new Map(),
    plannedIds: new Set(),
    progress: (p) => opts.progress?.({ ...progress, ...p }),
  };
  try {
    tell('reading the source');
    const experiments: SourceExperiment[] = [];
    for await (const exp of source.experiments()) experiments.push(exp); // all checked before anything is written
    progress.itemsTotal = await countRuns(ctx, experiments);
    tell();
    for (const exp of experiments) {
      if (signal?.aborted) break;
      await importExperiment(ctx, exp, details, progress, tell);
    }
    progress.phase = opts.dryRun ? 'checking the registry' : 'importing the registry';
    if (!signal?.aborted) {
      for await (const m of source.registeredModels()) {
        if (signal?.aborted) break;
        tell(`registered model '${m.name}'`);
        const name = await importRegisteredModel(ctx, m);
        if (name !== null) details.models.push(name);
      }
    }
  } catch (err) {
    if (!(err instanceof SourceError)) throw err;
    problems.push({ item: err.item, message: `${err.message.slice(err.item.length + 2)}; the import stopped before it (everything before it came in whole)` });
  }
  details.cancelled = signal?.aborted === true;
  if (details.cancelled) problems.push({ item: 'import', message: 'cancelled; import again to finish (what came in is recorded, and is not copied twice)' });
  const report: ImportReport = { summary: summarise(details, problems.length, Date.now() - started), problems, details };
  if (!ctx.dryRun) await svc.store.commit({ type: 'import.finish', source: info, summary: report.summary, time: svc.now() });
  if (!ctx.dryRun && source.chain && !problems.length) await svc.store.commit(bundleImportedOp(source.chain, svc.now()));
  return report;
}

async function countRuns(ctx: ImportContext, experiments: SourceExperiment[]): Promise<number> {
  let n = 0;
  for (const exp of experiments) for await (const run of ctx.source.runs(exp.id)) if (run) n++;
  return n;
}

async function importExperiment(ctx: ImportContext, exp: SourceExperiment, details: ImportDetails, progress: JobProgress, tell: (current?: string) => void): Promise<void> {
  const report: ImportedExperiment = { sourceId: exp.id, name: exp.name, localId: null, localName: null, action: 'skipped', renumbered: false, runs: 0 };
  details.experiments.push(report);
  const target = resolveExperiment(ctx, exp, report);
  if (!target) {
    for await (const run of ctx.source.runs(exp.id)) if (run) progress.itemsDone++;
    return;
  }
  // A source experiment that is active, deleted here, is restored before its runs come in.
  if (!ctx.dryRun && exp.lifecycle === 'active' && target.exists && !target.activeHere()) await target.activate();
  let changed = false;
  for await (const model of ctx.source.loggedModels(exp.id)) {
    if (ctx.signal?.aborted) return;
    tell(`logged model '${model.name}'`);
    if (await importLoggedModel(ctx, model, target)) changed = true;
  }
  for await (const run of ctx.source.runs(exp.id)) {
    if (ctx.signal?.aborted) return;
    tell(`run '${run.name}' (${run.runId})`);
    const outcome = await importRun(ctx, run, target, exp.lifecycle === 'deleted');
    if (outcome === 'new') ctx.counts.runsNew++;
    else if (outcome === 'updated') ctx.counts.runsUpdated++;
    else if (outcome === 'unchanged') ctx.counts.runsUnchanged++;
    if (outcome === 'new' || outcome === 'updated') changed = true;
    if (outcome !== 'skipped') report.runs++;
    progress.itemsDone++;
    tell();
  }
  if (ctx.signal?.aborted) return;
  if (await settleExperiment(ctx, exp, target)) changed = true;
  if (ctx.dryRun && !target.exists) ctx.counts.experiments++;
  if (changed || target.exists) details.experimentIds.push(target.localId);
}
