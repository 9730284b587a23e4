import type { BundleOp } from './bundle-op-types';

import type { ImportOp } from './import-op-types';

/**
 * Every change to a store is one of these operations. An op carries every value the server
 * chose (ids, times, generated names), so replaying the journal reproduces the state exactly.
 */
export interface KeyValue {
  key: string;
  value: string;
}

/** Metric points of one op: `keys[keyIdx[i]]` at (t, s, v) = pts[3i], pts[3i+1], pts[3i+2]. */
export interface MetricPoints {
  keys: string[];
  keyIdx: number[];
  pts: Float64Array;
}

/** Metric `i` of the op's points was also logged against a logged model (MLflow 3). */
export interface ModelMetricRef {
  i: number;
  modelId: string;
  datasetName: string;
  datasetDigest: string;
}

export interface DatasetInput {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
  tags: KeyValue[];
}

/** A remote MLflow tracking server (secrets are never stored: only where to find them). */
export interface RemoteSpec {
  name: string;
  url: string;
  authKind: 'none' | 'basic' | 'bearer';
  username: string;
  secretEnv: string;
}

/** What an ID map entry maps: for model versions the ids are `<name>/<version>`. */
export type SyncEntity = 'experiment' | 'run' | 'logged_model' | 'model_version';

/** One fact of sync state about a remote: what it has of a local entity, as of the last push. */
export type SyncFact =
  | { kind: 'id'; entity: SyncEntity; localId: string; remoteId: string }
  | { kind: 'run'; runId: string; name: string; status: string; endTime: number | null; lifecycle: string }
  | { kind: 'params'; runId: string; count: number }
  | { kind: 'inputs'; runId: string; count: number }
  | { kind: 'tag'; runId: string; key: string; value: string | null }
  | { kind: 'series'; runId: string; key: string; points: number }
  | { kind: 'artifact'; runId: string; path: string; size: number; mtime: number };

export type Op =
  | ImportOp
  | BundleOp
  | { type: 'experiment.create'; id: string; name: string; artifactLocation: string; tags: KeyValue[]; time: number }
  | { type: 'experiment.rename'; id: string; name: string; time: number }
  | { type: 'experiment.delete' | 'experiment.restore'; id: string; time: number }
  | { type: 'experiment.setTag'; id: string; tag: KeyValue; time: number }
  | { type: 'experiment.deleteTag'; id: string; key: string; time: number }
  | { type: 'run.create'; runId: string; experimentId: string; name: string; userId: string; startTime: number | null; artifactUri: string; tags: KeyValue[]; time: number }
  | { type: 'run.update'; runId: string; status?: string; endTime?: number; name?: string; time: number }
  | { type: 'run.delete' | 'run.restore'; runId: string; time: number }
  /** Moves runs (with their nested runs, listed too) to another experiment; `from` is each one's experiment before. */
  | { type: 'run.move'; runs: { runId: string; from: string }[]; experimentId: string; time: number }
  | { type: 'run.log'; runId: string; metrics: MetricPoints | null; modelMetrics?: ModelMetricRef[]; params: KeyValue[]; tags: KeyValue[]; time: number }
  | { type: 'run.deleteTag'; runId: string; key: string; time: number }
  | { type: 'run.logInputs'; runId: string; datasets: (DatasetInput & { datasetId: string; inputId: string })[]; models: { modelId: string; inputId: string }[]; time: number }
  | { type: 'run.logOutputs'; runId: string; models: { modelId: string; step: number }[]; time: number }
  | { type: 'model.create'; modelId: string; experimentId: string; name: string; modelType: string; sourceRunId: string | null; artifactUri: string; params: KeyValue[]; tags: KeyValue[]; time: number }
  | { type: 'model.finalize'; modelId: string; status: number; time: number }
  | { type: 'model.delete'; modelId: string; time: number }
  | { type: 'model.setTags'; modelId: string; tags: KeyValue[]; time: number }
  | { type: 'model.deleteTag'; modelId: string; key: string; time: number }
  | { type: 'model.logParams'; modelId: string; params: KeyValue[]; time: number }
  | { type: 'registry.createModel'; name: string; description: string; tags: KeyValue[]; time: number }
  | { type: 'registry.renameModel'; name: string; newName: string; time: number }
  | { type: 'registry.updateModel'; name: string; description: string; time: number }
  | { type: 'registry.deleteModel'; name: string; time: number }
  | { type: 'registry.setModelTag'; name: string; tag: KeyValue; time: number }
  | { type: 'registry.deleteModelTag'; name: string; key: string; time: number }
  | { type: 'registry.setAlias'; name: string; alias: string; version: number; time: number }
  | { type: 'registry.deleteAlias'; name: string; alias: string; time: number }
  | { type: 'registry.createVersion'; name: string; version: number; source: string; storageLocation: string; runId: string; runLink: string; description: string; userId: string; modelId: string; tags: KeyValue[]; time: number }
  | { type: 'registry.updateVersion'; name: string; version: number; description: string; time: number }
  | { type: 'registry.transitionStage'; name: string; version: number; stage: string; archiveExisting: boolean; time: number }
  | { type: 'registry.deleteVersion'; name: string; version: number; time: number }
  | { type: 'registry.setVersionTag'; name: string; version: number; tag: KeyValue; time: number }
  | { type: 'registry.deleteVersionTag'; name: string; version: number; key: string; time: number }
  | { type: 'remote.add'; remote: RemoteSpec; time: number }
  /** Changes a remote's URL or auth in place; what is recorded of it stays. */
  | { type: 'remote.update'; remote: RemoteSpec; time: number }
  | { type: 'remote.remove'; name: string; time: number }
  /** Facts learnt while syncing with a remote; `summary` (when given) becomes its last sync state. */
  | { type: 'sync.record'; remote: string; facts: SyncFact[]; summary?: string; time: number }
  /** Creates a run pulled from a remote under its remote id (status RUNNING, no tags yet), marked as pulled and not yet complete. */
  | { type: 'pull.startRun'; remote: string; runId: string; experimentId: string; name: string; userId: string; startTime: number | null; artifactUri: string; remoteArtifactRoot: string; time: number }
  /** A pulled run now holds everything the remote showed (`fingerprint`: its runs/search entry). */
  | { type: 'pull.finishRun'; remote: string; runId: string; fingerprint: string; time: number }
  /**
   * Files of a pulled run recorded without downloading them (`--artifacts lazy`). In the three
   * artifact ops `runId` names the files' owner by its sync key: a run id, or `model:<id>` for a
   * pulled logged model (pulled-models-repo.ts `loggedModelStateKey`).
   */
  | { type: 'artifact.lazy'; remote: string; runId: string; files: { path: string; size: number }[]; time: number }
  /** A pulled file is now in the store (downloaded): no longer lazy, and the remote has it as it is here. */
  | { type: 'artifact.local'; remote: string; runId: string; path: string; size: number; mtime: number; time: number }
  /** Files of a pulled run the remote no longer has: no longer lazy, no longer recorded as the remote's (a local copy was deleted before this, or is kept as this store's). */
  | { type: 'artifact.gone'; remote: string; runId: string; paths: string[]; time: number }
  | PullModelOp
  | PullVersionOp
  | PullLoggedModelOp;

/** A registered model pulled from a remote: created (under its remote creation time) or updated, with what the remote has of it recorded in the same step. */
export interface PullModelOp {
  type: 'pull.model';
  remote: string;
  name: string;
  /** Creates the model (it must not exist here) with the remote's creation time. */
  create?: { creationTime: number };
  description?: string;
  setTags: KeyValue[];
  delTags: string[];
  setAliases: { alias: string; version: number }[];
  delAliases: string[];
  /** The remote's last update time, when this step takes the remote's state. */
  lastUpdatedTime?: number;
  /** What the remote now has (a `sync.record`), applied with the change. */
  facts: SyncFact[];
  time: number;
}

/** A model version pulled from a remote: created under the given local number, or updated; its sync state recorded in the same step. */
export interface PullVersionOp {
  type: 'pull.version';
  remote: string;
  name: string;
  version: number;
  create?: { source: string; storageLocation: string; runId: string; runLink: string; userId: string; modelId: string; status: string; statusMessage: string; creationTime: number };
  description?: string;
  stage?: string;
  setTags: KeyValue[];
  delTags: string[];
  lastUpdatedTime?: number;
  facts: SyncFact[];
  time: number;
}

/** A logged model point (MLflow 3) as a pull or an import carries it; `value` is String(number), so NaN and ±Infinity survive JSON. */
export interface ModelMetricRecord {
  key: string;
  value: string;
  timestamp: number;
  step: number;
  runId: string;
  datasetName: string;
  datasetDigest: string;
}

/** An MLflow 3 logged model pulled from a remote under its remote id: created or brought up to date, its sync state recorded in the same step. */
export interface PullLoggedModelOp {
  type: 'pull.loggedModel';
  remote: string;
  modelId: string;
  create?: { experimentId: string; name: string; modelType: string; sourceRunId: string | null; artifactUri: string; creationTime: number };
  /** Index into LOGGED_MODEL_STATUSES. */
  status?: number;
  statusMessage?: string;
  /** New params (write-once). */
  params: KeyValue[];
  setTags: KeyValue[];
  delTags: string[];
  /** Points the store lacks (a point already here is kept once). */
  metrics: ModelMetricRecord[];
  lastUpdatedTime?: number;
  /** Where the remote keeps the model's files, below mlflow-artifacts:/ ('' when not proxied): recorded for downloads on first open. */
  remoteArtifactRoot?: string;
  facts: SyncFact[];
  time: number;
}

export type OpType = Op['type'];
export type OpOf<T extends OpType> = Extract<Op, { type: T }>;
