/**
 * Output shapes of the contract's transfer methods (importing MLflow data and bundles, exporting
 * bundles), and the path rule their inputs share.
 */

/** What a native picker is asked for; main chooses the dialog's title, kind and filters from it. */
/** key-file: an existing store key file (unlock, current key, encrypt or rekey with it); key-file-out: where a new one is written. */
export const PICK_PURPOSES = ['mlflow-db', 'mlruns-folder', 'bundle', 'bundle-out', 'since-bundle', 'artifacts-folder', 'key-file', 'key-file-out', 'project-folder'] as const;
export type PickPurpose = (typeof PICK_PURPOSES)[number];

/** The dialogs the desktop menu asks the window to open. */
export const TRANSFER_COMMANDS = ['import-mlflow', 'import-bundle', 'export-bundle'] as const;
export type TransferCommand = (typeof TRANSFER_COMMANDS)[number];

/** How an import treats an experiment whose name the store already has (the engine's `clash` option). */
export type ClashChoice = 'merge' | 'rename';

export type ImportSourceKind = 'mlruns' | 'mlflow-db' | 'bundle';

/** How many of each thing an import brings in (a dry run: would bring in); the importer counts, the dialogs show. */
export interface ImportCounts {
  /** Experiments created here (merged ones are not new). */
  experiments: number;
  runsNew: number;
  /** Runs here already that get new data (points, tags, a status). */
  runsUpdated: number;
  /** Runs here already, as they are in the source. */
  runsUnchanged: number;
  params: number;
  tags: number;
  /** Metric points. */
  points: number;
  inputs: number;
  /** Artifact files, and their bytes. */
  artifacts: number;
  bytes: number;
  loggedModels: number;
  registeredModels: number;
  /** Registered model versions. */
  versions: number;
}

/** An experiment or registered model whose name is taken here by one that did not come from this source. */
export interface ImportClash {
  kind: 'experiment' | 'registered_model';
  name: string;
  /** merged: into the one here; renamed: into a new one named `localName`; skipped: not imported. */
  resolution: 'merged' | 'renamed' | 'skipped';
  localName?: string;
}

/** One source experiment and where it goes. */
export interface ImportExperimentView {
  name: string;
  /** The local experiment (planned, in a dry run); null when skipped. */
  localId: string | null;
  localName: string | null;
  /** new: created here; merged: into one here (an earlier import of this source, or a clash merged). */
  action: 'new' | 'merged' | 'skipped';
  /** Runs that come in (new, updated or unchanged). */
  runs: number;
}

/** An import's report as the UI shows it: a dry run's is the preview, the real one's the summary. */
export interface ImportReportView {
  dryRun: boolean;
  cancelled: boolean;
  sourceKind: ImportSourceKind | null;
  /** "mlflow.db at /data/mlflow.db", "bundle 2026-12-05 (incremental)". */
  sourceLabel: string;
  counts: ImportCounts;
  experiments: ImportExperimentView[];
  /** Local ids of the experiments that came in (new or merged into): what the summary links to. */
  experimentIds: string[];
  clashes: ImportClash[];
  /** Files the source points at that are not there (the first 200): listed, not fatal. */
  missing: { item: string; path: string; reason: string }[];
  missingCount: number;
  /** Registered model names (local) that came in. */
  models: string[];
  /** What went wrong besides missing files: a damaged item the import stopped before, an unresolved clash, a dangling alias. */
  problems: { item: string; message: string }[];
}

export interface ExportReportView {
  out: string;
  /** The bundle file's size. */
  bytes: number;
  experiments: number;
  runs: number;
  metricPoints: number;
  artifacts: number;
  loggedModels: number;
  registeredModels: number;
  incremental: boolean;
  encrypted: boolean;
  /** Files of pulled runs never downloaded (lazy artifacts): not in the bundle. */
  lazyFilesLeftOut: number;
}

export type TransferResult = { kind: 'import'; report: ImportReportView } | { kind: 'export'; report: ExportReportView };

/**
 * An absolute path on the machine holding the store: POSIX (`/…`), a Windows drive (`C:\…`) or
 * a UNC share (`\\server\share`). Relative paths would resolve against a working directory the
 * person cannot see.
 */
export const isAbsolutePath = (p: string): boolean => /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(p) && !p.includes('\0');
