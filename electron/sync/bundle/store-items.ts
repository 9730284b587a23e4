import type { KeyValue } from '../../../shared/domain/tracking';
import { artifactsOf, resolveArtifactPath, runArtifactRoot } from '../../services/artifacts-service';
import type { ArtifactRef } from '../../store/artifacts/artifact-store';
import type { ServiceContext } from '../../services/service-context';
import { toExperiment, type ExperimentRow } from '../../store/repos/experiments-repo';
import { toLoggedModel, type LoggedModelRow } from '../../store/repos/logged-models-repo';
import { getRun } from '../../store/repos/runs-repo';
import { DELETED_STAGE, type ModelRow, type VersionRow } from '../../store/registry/registry-repo';
import type { SourceExperiment, SourceLoggedModel, SourceRegisteredModel, SourceRun } from '../import/import-source';
import { storeArtifacts, type StoreArtifact } from '../local-artifacts';

/** Store rows in the shapes of the import contract (what a bundle's catalog holds). */

export function sourceExperiment(svc: ServiceContext, row: ExperimentRow): SourceExperiment {
  const e = toExperiment(svc.store.db, row);
  return { id: e.experiment_id, name: e.name, artifactLocation: e.artifact_location, lifecycle: e.lifecycle_stage, creationTime: e.creation_time ?? null, lastUpdateTime: e.last_update_time ?? null, tags: e.tags ?? [] };
}

export function sourceRun(svc: ServiceContext, runId: string): SourceRun {
  const { info, data, inputs, outputs } = getRun(svc.store.db, runId);
  return {
    runId: info.run_id,
    experimentId: info.experiment_id,
    name: info.run_name,
    userId: info.user_id,
    status: info.status,
    startTime: info.start_time ?? null,
    endTime: info.end_time ?? null,
    lifecycle: info.lifecycle_stage,
    artifactUri: info.artifact_uri,
    params: data.params ?? [],
    tags: data.tags ?? [],
    metricKeys: svc.store.ctx.series.forRun(runId).filter((m) => m.points > 0).map((m) => m.key),
    datasets: (inputs.dataset_inputs ?? []).map((d) => ({
      name: d.dataset.name,
      digest: d.dataset.digest,
      sourceType: d.dataset.source_type,
      source: d.dataset.source,
      ...(d.dataset.schema !== undefined ? { schema: d.dataset.schema } : {}),
      ...(d.dataset.profile !== undefined ? { profile: d.dataset.profile } : {}),
      tags: d.tags ?? [],
    })),
    modelInputs: (inputs.model_inputs ?? []).map((m) => m.model_id),
    modelOutputs: (outputs.model_outputs ?? []).map((m) => ({ modelId: m.model_id, step: m.step })),
  };
}

export function sourceLoggedModel(svc: ServiceContext, row: LoggedModelRow): SourceLoggedModel {
  const m = toLoggedModel(svc.store.db, row);
  return {
    modelId: row.model_id,
    experimentId: row.experiment_id,
    name: row.name,
    modelType: row.model_type ?? '',
    sourceRunId: row.source_run_id ?? null,
    status: row.status,
    creationTime: row.creation_time ?? null,
    lastUpdatedTime: row.last_update_time ?? null,
    artifactLocation: row.artifact_uri,
    lifecycle: row.lifecycle_stage,
    params: m.data.params ?? [],
    tags: m.info.tags ?? [],
    metrics: (m.data.metrics ?? []).map((x) => ({ key: x.key, value: x.value, timestamp: x.timestamp, step: x.step, runId: x.run_id ?? null, datasetName: x.dataset_name ?? '', datasetDigest: x.dataset_digest ?? '' })),
  };
}

export function sourceRegisteredModel(svc: ServiceContext, row: ModelRow): SourceRegisteredModel {
  const db = svc.store.db;
  const versions = db.all<VersionRow>('SELECT * FROM model_versions WHERE name = ? ORDER BY version', [row.name]);
  return {
    name: row.name,
    description: row.description ?? '',
    creationTime: row.creation_time ?? null,
    lastUpdatedTime: row.last_updated_time ?? null,
    tags: db.all<KeyValue>('SELECT key, value FROM registered_model_tags WHERE name = ? ORDER BY key', [row.name]),
    aliases: db.all<{ alias: string; version: number }>('SELECT alias, version FROM registered_model_aliases WHERE name = ? ORDER BY alias', [row.name]),
    versions: versions.map((v) => ({
      version: v.version,
      source: v.source,
      runId: v.run_id ?? '',
      modelId: v.model_id ?? '',
      status: v.status,
      stage: v.current_stage === DELETED_STAGE ? 'None' : v.current_stage,
      description: v.description ?? '',
      userId: v.user_id ?? '',
      runLink: v.run_link ?? '',
      creationTime: v.creation_time ?? null,
      lastUpdatedTime: v.last_updated_time ?? null,
      lifecycle: v.current_stage === DELETED_STAGE ? 'deleted' : 'active',
      tags: db.all<KeyValue>('SELECT key, value FROM model_version_tags WHERE name = ? AND version = ? ORDER BY key', [v.name, v.version]),
    })),
  };
}

/** The run's artifact files in the store (none when its artifacts are kept elsewhere). */
export async function runArtifactFiles(svc: ServiceContext, runId: string): Promise<StoreArtifact[]> {
  let root: ArtifactRef;
  try {
    root = resolveArtifactPath(svc, runArtifactRoot(svc, runId));
  } catch {
    return [];
  }
  return storeArtifacts(artifactsOf(svc), root);
}

export async function modelArtifactFiles(svc: ServiceContext, model: SourceLoggedModel): Promise<StoreArtifact[]> {
  let root: ArtifactRef;
  try {
    root = resolveArtifactPath(svc, model.artifactLocation.replace(/^mlflow-artifacts:\/*/, ''));
  } catch {
    return [];
  }
  return storeArtifacts(artifactsOf(svc), root);
}
