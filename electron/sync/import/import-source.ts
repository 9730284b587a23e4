import type { Readable } from 'node:stream';
import type { DatasetInput, KeyValue } from '../../store/ops/op-types';

/**
 * What an import reads, whatever it reads it from: an MLflow file store (`mlruns/`), an MLflow
 * SQLite database (`mlflow.db`) or a Sextant bundle. Readers turn their format into this shape;
 * one importer writes it into the store. Everything is streamed: a reader never holds a whole
 * history or file in memory, so a 20 GB source imports in bounded memory.
 *
 * The importer merges (adds what the store lacks; a run's status, end time, lifecycle and tag
 * values follow the source), so a reader may yield a whole run or only what is new (an
 * incremental bundle), and importing the same source twice changes nothing.
 *
 * A reader that meets damaged data throws a `SourceError` naming the item (the importer stops
 * before that item, having written only whole items); a file the source points at but that is
 * not there is yielded as a `SourceMissing`, which the importer lists and goes on.
 */
export interface ImportSource {
  kind: SourceKind;
  /** Stable across imports of the same source (not its path alone: a copied mlruns is the same source). */
  identity: string;
  /** For messages: "mlflow.db at /data/mlflow.db", "bundle 2026-12-05 (incremental)". */
  label: string;
  /**
   * True when every byte was verified before the import starts (a bundle's checksums): the
   * importer then writes a new run at once, instead of first reading it through to make sure a
   * damaged item stops the import before any of the run is written.
   */
  checked?: boolean;
  /**
   * A Sextant bundle's place in its chain (bundles only). An incremental bundle whose `since` this
   * store has not imported is refused before anything is written, naming that bundle; a bundle is
   * recorded once its import completed (electron/sync/bundle/bundle-chain.ts: missingPredecessor,
   * bundleImportedOp).
   */
  chain?: SourceChainLink;
  experiments(): AsyncIterable<SourceExperiment>;
  runs(experimentId: string): AsyncIterable<SourceRun>;
  /** One metric's history, in batches, in the order MLflow returns it (step, timestamp). */
  history(run: SourceRun, key: string): AsyncIterable<SourcePoint[]>;
  /** The run's artifact files, paths relative to its artifact root, '/'-separated. */
  artifacts(run: SourceRun): AsyncIterable<SourceFile | SourceMissing>;
  loggedModels(experimentId: string): AsyncIterable<SourceLoggedModel>;
  /** A logged model's artifact files, paths relative to its artifact location. */
  modelArtifacts(model: SourceLoggedModel): AsyncIterable<SourceFile | SourceMissing>;
  registeredModels(): AsyncIterable<SourceRegisteredModel>;
  close(): Promise<void>;
}

export type SourceKind = 'mlruns' | 'mlflow-db' | 'bundle';

/** Which bundle this is, and which one it continues (null for a full bundle). */
export interface SourceChainLink {
  bundleId: string;
  /** The id of the store it was exported from. */
  storeId: string;
  createdAt: number;
  /** Its file name, for messages. */
  file: string;
  since: { bundleId: string; createdAt: number; file: string } | null;
}

export type Lifecycle = 'active' | 'deleted';

export interface SourceExperiment {
  /** The id in the source; the store keeps it unless it is taken there by another experiment. */
  id: string;
  name: string;
  artifactLocation: string;
  lifecycle: Lifecycle;
  creationTime: number | null;
  lastUpdateTime: number | null;
  tags: KeyValue[];
}

export interface SourceRun {
  /** Kept as it is in the store (32 hex characters for MLflow runs). */
  runId: string;
  experimentId: string;
  name: string;
  userId: string;
  /** RUNNING, SCHEDULED, FINISHED, FAILED or KILLED. */
  status: string;
  startTime: number | null;
  endTime: number | null;
  lifecycle: Lifecycle;
  /** As the source recorded it; the importer gives the run the store's own location. */
  artifactUri: string;
  params: KeyValue[];
  /** Every tag, `mlflow.*` included (`mlflow.parentRunId` links nested runs by id, which import keeps). */
  tags: KeyValue[];
  /** Keys that have a history (`history()` reads each). */
  metricKeys: string[];
  /** Dataset inputs in the order logged, with their tags (`mlflow.data.context`). */
  datasets: DatasetInput[];
  /** MLflow 3: logged models the run used (inputs) and produced (outputs, with the step). */
  modelInputs: string[];
  modelOutputs: { modelId: string; step: number }[];
}

/** NaN and ±Infinity are the numbers themselves. */
export interface SourcePoint {
  timestamp: number;
  step: number;
  value: number;
}

export interface SourceFile {
  path: string;
  size: number;
  open(): Promise<Readable>;
}

/** A file or folder the source points at that is not there (listed in the report, not fatal). */
export interface SourceMissing {
  missing: string;
  /** Where the source said it would be (a path or URI) and why it could not be read. */
  reason: string;
}

export interface SourceLoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  modelType: string;
  sourceRunId: string | null;
  /** MLflow's LoggedModelStatus number (1 pending, 2 ready, 3 failed). */
  status: number;
  creationTime: number | null;
  lastUpdatedTime: number | null;
  artifactLocation: string;
  lifecycle: Lifecycle;
  params: KeyValue[];
  tags: KeyValue[];
  metrics: { key: string; value: number; timestamp: number; step: number; runId: string | null; datasetName: string; datasetDigest: string }[];
}

export interface SourceRegisteredModel {
  name: string;
  description: string;
  creationTime: number | null;
  lastUpdatedTime: number | null;
  tags: KeyValue[];
  aliases: { alias: string; version: number }[];
  versions: SourceModelVersion[];
}

export interface SourceModelVersion {
  version: number;
  /** As the source recorded it (`runs:/…`, `models:/m-…`, a path or URI). */
  source: string;
  runId: string;
  modelId: string;
  status: string;
  stage: string;
  description: string;
  userId: string;
  runLink: string;
  creationTime: number | null;
  lastUpdatedTime: number | null;
  lifecycle: Lifecycle;
  tags: KeyValue[];
}

/** Damaged or unreadable source data; `item` names what could not be read. */
export class SourceError extends Error {
  constructor(
    readonly item: string,
    message: string,
  ) {
    super(`${item}: ${message}`);
    this.name = 'SourceError';
  }
}

/** True when an artifact listing entry is a file to copy, false when it is a missing one to report. */
export const isSourceFile = (f: SourceFile | SourceMissing): f is SourceFile => !('missing' in f);
