/**
 * The ops of `sextant import` (electron/sync/import): what the store records of import sources,
 * so a re-import merges into what the last one made and finishes a run an interrupted one left.
 * Everything else an import writes goes through the ordinary ops.
 */
import type { ModelMetricRecord } from './op-types';

/** An import source as the store records it (see electron/sync/import/import-source.ts). */
export interface ImportSourceInfo {
  /** Stable across imports of the same source. */
  identity: string;
  kind: string;
  /** For messages, as last seen. */
  label: string;
}

export interface ImportMapEntry {
  /** A model version's ids are `<name>/<version>`. */
  kind: 'experiment' | 'registered_model' | 'model_version' | 'logged_model';
  /** The id (or the name, for a registered model) in the source. */
  sourceId: string;
  localId: string;
}

export type ImportOp =
  /** Which local items items of the source became. */
  | { type: 'import.map'; source: ImportSourceInfo; entries: ImportMapEntry[]; time: number }
  /** Creates a run imported from the source under its own id (RUNNING, no data yet), marked as not yet complete. */
  | { type: 'import.startRun'; source: ImportSourceInfo; runId: string; experimentId: string; name: string; userId: string; startTime: number | null; artifactUri: string; time: number }
  /** The imported run now holds everything the source had of it. */
  | { type: 'import.finishRun'; source: string; runId: string; time: number }
  /** Points of a logged model's metrics (a point already here is kept once). */
  | { type: 'import.modelMetrics'; modelId: string; metrics: ModelMetricRecord[]; time: number }
  /** An import of the source ended: its one-line summary. */
  | { type: 'import.finish'; source: ImportSourceInfo; summary: string; time: number };
