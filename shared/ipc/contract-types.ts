import type { ModelVersion } from '../domain/registry';
import type { LoggedModel } from '../domain/tracking';

/** Output shapes of the contract that are not MLflow entities. */
export interface AppInfo {
  trackingUri: string;
  storePath: string;
  storeBytes: number;
  version: string;
}

/** One run's metric line, downsampled in main: steps, timestamps and values side by side. */
export interface MetricSeries {
  runId: string;
  key: string;
  /** Points in the whole history (before downsampling). */
  total: number;
  steps: number[];
  timestamps: number[];
  /** NaN and infinities are sent as null (JSON); the chart leaves a gap. */
  values: (number | null)[];
}

export interface ArtifactContent {
  path: string;
  size: number;
  /** Where the bytes read start (0 unless an offset was asked for). */
  offset: number;
  /** True when bytes after the ones read were left out. */
  truncated: boolean;
  /** base64 of the bytes read. */
  base64: string;
}

/** A model version with what its page shows: the MLmodel file (flavors, signature) when it has one. */
export interface VersionDetails {
  version: ModelVersion;
  /** The version's files, as an mlflow-artifacts:/ URI. */
  downloadUri: string;
  /** Text of the MLmodel file, if the version has one. */
  mlmodel: string | null;
}

/** A run named where another thing points at it (a logged model's source, a version's run). */
export interface RunRef {
  runId: string;
  name: string;
  experimentId: string;
  /** In the trash (still readable, restorable). */
  deleted: boolean;
}

/** A logged model (MLflow 3) with what its page shows around it. */
export interface LoggedModelDetails {
  model: LoggedModel;
  /** Text of its MLmodel file, if it has one. */
  mlmodel: string | null;
  /** The run that logged it; null when it has none or that run is gone from the store. */
  sourceRun: RunRef | null;
  /** Runs that took it as an input (`inputs.model_inputs`). */
  usedBy: RunRef[];
  /** Registered versions made from it, newest first. */
  versions: ModelVersion[];
}
