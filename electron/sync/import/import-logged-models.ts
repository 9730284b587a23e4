import type { KeyValue } from '../../../shared/domain/tracking';
import type { ModelMetricRecord } from '../../store/ops/op-types';
import { findLoggedModel } from '../../store/repos/logged-models-repo';
import { chunksOf } from '../log-batch';
import type { ExperimentTarget } from './import-experiment';
import type { ImportContext } from './import-context';
import { importFiles } from './import-files';
import type { SourceLoggedModel } from './import-source';

const metricKey = (m: { key: string; timestamp: number; step: number; runId: string; datasetName: string; datasetDigest: string }) =>
  [m.key, m.timestamp, m.step, m.runId, m.datasetName, m.datasetDigest].join('\u0000');

/**
 * Brings an MLflow 3 logged model in under its own id, or merges it into the one here: params
 * and metric points it lacks, tags set to the source's values, files missing or of another size;
 * status and lifecycle follow the source. Created before the runs that use or produced it.
 * Answers whether anything was (or would be) written.
 */
export async function importLoggedModel(ctx: ImportContext, model: SourceLoggedModel, target: ExperimentTarget): Promise<boolean> {
  const { svc } = ctx;
  const db = svc.store.db;
  const item = `logged model '${model.name}' (${model.modelId})`;
  ctx.modelLocations.set(model.modelId, model.artifactLocation);
  const local = target.exists ? findLoggedModel(db, model.modelId) : undefined;
  if (local && local.experiment_id !== target.localId) {
    ctx.problem(item, `a logged model with this id is already in experiment ${local.experiment_id} here; left as it is`);
    return false;
  }
  if (local?.lifecycle_stage === 'deleted') return false; // deleted here: MLflow keeps it read-only
  const params = new Map(local ? db.all<KeyValue>('SELECT key, value FROM logged_model_params WHERE model_id = ?', [model.modelId]).map((p) => [p.key, p.value]) : []);
  const tags = new Map(local ? db.all<KeyValue>('SELECT key, value FROM logged_model_tags WHERE model_id = ?', [model.modelId]).map((t) => [t.key, t.value]) : []);
  const have = new Set(local ? db.all<{ key: string; timestamp: number; step: number; run_id: string; dataset_name: string; dataset_digest: string }>('SELECT key, timestamp, step, run_id, dataset_name, dataset_digest FROM logged_model_metrics WHERE model_id = ?', [model.modelId]).map((m) => metricKey({ ...m, runId: m.run_id, datasetName: m.dataset_name, datasetDigest: m.dataset_digest })) : []);
  const newParams = model.params.filter((p) => !params.has(p.key));
  const newTags = model.tags.filter((t) => tags.get(t.key) !== t.value);
  const newMetrics = model.metrics.map((m) => ({ ...m, runId: m.runId ?? '' })).filter((m) => !have.has(metricKey(m)));
  const root = `${target.localId}/models/${model.modelId}/artifacts`;
  const mode = ctx.dryRun ? 'dry' : 'write';
  const time = model.lastUpdatedTime ?? model.creationTime ?? svc.now();
  if (!local) {
    if (ctx.dryRun) {
      await importFiles(ctx, ctx.source.modelArtifacts(model), root, item, 'dry', true);
      ctx.counts.loggedModels++;
      return true;
    }
    await target.activate();
    await svc.store.commit({
      type: 'model.create', modelId: model.modelId, experimentId: target.localId, name: model.name, modelType: model.modelType, sourceRunId: model.sourceRunId,
      artifactUri: `${findExperimentLocation(ctx, target.localId)}/models/${model.modelId}/artifacts`, params: model.params, tags: model.tags, time: model.creationTime ?? svc.now(),
    });
  } else {
    if (newParams.length && !ctx.dryRun) await svc.store.commit({ type: 'model.logParams', modelId: model.modelId, params: newParams, time });
    if (newTags.length && !ctx.dryRun) await svc.store.commit({ type: 'model.setTags', modelId: model.modelId, tags: newTags, time });
  }
  const files = await importFiles(ctx, ctx.source.modelArtifacts(model), local ? local.artifact_uri.replace(/^mlflow-artifacts:\/+/, '') : root, item, mode, !local);
  ctx.counts.artifacts += files.files;
  ctx.counts.bytes += files.bytes;
  if (!ctx.dryRun) {
    for (const part of chunksOf(newMetrics, 1000)) {
      const metrics: ModelMetricRecord[] = part.map((m) => ({ key: m.key, value: String(m.value), timestamp: m.timestamp, step: m.step, runId: m.runId, datasetName: m.datasetName, datasetDigest: m.datasetDigest }));
      await svc.store.commit({ type: 'import.modelMetrics', modelId: model.modelId, metrics, time });
    }
  }
  const statusDiffers = (findLoggedModel(db, model.modelId)?.status ?? 1) !== model.status;
  if (statusDiffers && !ctx.dryRun) await svc.store.commit({ type: 'model.finalize', modelId: model.modelId, status: model.status, time });
  const changed = !local || newParams.length + newTags.length + newMetrics.length + files.files > 0 || statusDiffers || model.lifecycle === 'deleted';
  if (!ctx.dryRun) {
    if (!local) await svc.store.commit({ type: 'import.map', source: ctx.info, entries: [{ kind: 'logged_model', sourceId: model.modelId, localId: model.modelId }], time: svc.now() });
    if (model.lifecycle === 'deleted') await svc.store.commit({ type: 'model.delete', modelId: model.modelId, time });
  }
  if (changed && !local) ctx.counts.loggedModels++;
  return changed;
}

function findExperimentLocation(ctx: ImportContext, id: string): string {
  return ctx.svc.store.db.get<{ artifact_location: string }>('SELECT artifact_location FROM experiments WHERE experiment_id = ?', [id])!.artifact_location;
}
