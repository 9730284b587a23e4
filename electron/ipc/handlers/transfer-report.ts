import type { ExportReportView, ImportExperimentView, ImportReportView, TransferResult } from '../../../shared/ipc/transfer-types';
import type { JobInfo, JobProblem } from '../../jobs/job-types';
import type { ExportReport } from '../../sync/bundle/export-bundle';
import type { ImportDetails } from '../../sync/import/import-report';

/** How many missing files a view lists (the count says how many there are). */
const MAX_MISSING = 200;
const MAX_PROBLEMS = 100;

/** The engine's message for a missing file (importer.ts), so the summary lists it once, as missing. */
const missingMessage = (m: ImportDetails['missing'][number]) => `artifact '${m.path}' is missing in the source (${m.reason})`;

/** An ended import's details and problems in the shape the dialogs show. */
export function importReportView(d: ImportDetails, problems: JobProblem[]): ImportReportView {
  const missing = new Set(d.missing.map((m) => `${m.item}\n${missingMessage(m)}`));
  const experiments: ImportExperimentView[] = d.experiments.map((e) => ({ name: e.name, localId: e.localId, localName: e.localName, action: e.action, runs: e.runs }));
  return {
    dryRun: d.dryRun,
    cancelled: d.cancelled,
    sourceKind: d.kind,
    sourceLabel: d.source,
    counts: { ...d.counts },
    experiments,
    experimentIds: [...d.experimentIds],
    clashes: d.clashes.map((x) => ({ ...x })),
    missing: d.missing.slice(0, MAX_MISSING).map((m) => ({ item: m.item, path: m.path, reason: m.reason })),
    missingCount: d.missing.length,
    models: [...d.models],
    problems: problems.filter((p) => !missing.has(`${p.item}\n${p.message}`) && !(d.cancelled && p.item === 'import')).slice(0, MAX_PROBLEMS),
  };
}

export function exportReportView(d: ExportReport['details']): ExportReportView {
  return {
    out: d.file,
    bytes: d.fileBytes,
    experiments: d.experiments,
    runs: d.runs,
    metricPoints: d.points,
    artifacts: d.artifacts,
    loggedModels: d.loggedModels,
    registeredModels: d.registeredModels,
    incremental: d.since !== null,
    encrypted: d.encrypted,
    lazyFilesLeftOut: d.lazyFilesLeftOut ?? 0,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

/**
 * What an ended import or export job reported, for the dialog that started it. Null for other
 * kinds, running jobs and jobs that ended without a report (one that failed before reading: its
 * summary says why).
 */
export function transferResult(job: JobInfo | undefined): TransferResult | null {
  const details = job?.outcome?.details;
  if (!job || job.state === 'running' || !isObject(details)) return null;
  if (job.kind === 'import' && Array.isArray(details.experiments) && isObject(details.counts)) {
    return { kind: 'import', report: importReportView(details as unknown as ImportDetails, job.outcome?.problems ?? []) };
  }
  if (job.kind === 'export' && typeof details.file === 'string') return { kind: 'export', report: exportReportView(details as unknown as ExportReport['details']) };
  return null;
}
