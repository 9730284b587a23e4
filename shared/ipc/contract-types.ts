import type { ModelVersion } from '../domain/registry';

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
