/**
 * Output shapes of the contract's transfer methods (importing MLflow data and bundles, exporting
 * bundles), and the path rule their inputs share.
 */

/** What a native picker is asked for; main chooses the dialog's title, kind and filters from it. */
export const PICK_PURPOSES = ['mlflow-db', 'mlruns-folder', 'bundle', 'bundle-out', 'since-bundle', 'artifacts-folder'] as const;
export type PickPurpose = (typeof PICK_PURPOSES)[number];

/** The dialogs the desktop menu asks the window to open. */
export const TRANSFER_COMMANDS = ['import-mlflow', 'import-bundle', 'export-bundle'] as const;
export type TransferCommand = (typeof TRANSFER_COMMANDS)[number];

/** How an import treats an experiment whose name the store already has (the engine's `clash` option). */
export type ClashChoice = 'merge' | 'rename';

export type ImportSourceKind = 'mlruns' | 'mlflow-db' | 'bundle';

/** How many of each thing an import brings in (a dry run: would bring in). */
export interface ImportCounts {
  experiments: number;
  runs: number;
  metricPoints: number;
  artifacts: number;
  artifactBytes: number;
  loggedModels: number;
  registeredModels: number;
  modelVersions: number;
}

/** An experiment whose name the store already has under another experiment. */
export interface ImportClash {
  name: string;
  /** The store's experiment of that name. */
  localId: string;
  /** What it becomes with 'rename' (when the engine says). */
  renamedTo?: string;
}

/** An import's report as the UI shows it: a dry run's is the preview, the real one's the summary. */
export interface ImportReportView {
  dryRun: boolean;
  sourceKind: ImportSourceKind | null;
  /** "mlflow.db at /data/mlflow.db", "bundle 2026-12-05 (incremental)". */
  sourceLabel: string;
  /** What is new to the store (what a second import of the same source brings: nothing). */
  counts: ImportCounts;
  /** The experiments that came in (or would), with their local ids once they exist. */
  experiments: { name: string; localId: string | null; runs: number }[];
  clashes: ImportClash[];
  /** Files the source points at that are not there: listed, not fatal. */
  missing: { item: string; reason: string }[];
  missingCount: number;
  /** Registered model names that came in (or would). */
  models: string[];
}

export interface ExportReportView {
  out: string;
  bytes: number;
  experiments: number;
  runs: number;
  registeredModels: number;
  incremental: boolean;
  encrypted: boolean;
}

export type TransferResult = { kind: 'import'; report: ImportReportView } | { kind: 'export'; report: ExportReportView };

/**
 * An absolute path on the machine holding the store: POSIX (`/…`), a Windows drive (`C:\…`) or
 * a UNC share (`\\server\share`). Relative paths would resolve against a working directory the
 * person cannot see.
 */
export const isAbsolutePath = (p: string): boolean => /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(p) && !p.includes('\0');
