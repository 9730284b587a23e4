import type { ExportReportView, ImportCounts, ImportReportView, TransferResult } from '../../../shared/ipc/transfer-types';
import type { JobInfo } from '../../jobs/job-types';

/**
 * An ended import or export job's report (its outcome's `details`) in the shape the UI shows.
 * The engines own their reports; this reads only the fields the dialogs need, so a report that
 * grows does not change the contract.
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function counts(c: Obj): ImportCounts {
  return {
    experiments: num(c.experiments),
    runs: num(c.runs),
    metricPoints: num(c.metricPoints ?? c.points),
    artifacts: num(c.artifacts ?? c.artifactFiles),
    artifactBytes: num(c.artifactBytes ?? c.bytes),
    loggedModels: num(c.loggedModels),
    registeredModels: num(c.registeredModels ?? c.models),
    modelVersions: num(c.modelVersions ?? c.versions),
  };
}

export function importReportView(details: unknown): ImportReportView {
  const d = obj(details);
  const kind = str(d.sourceKind ?? d.kind);
  const missing = arr(d.missing).map((m) => ({ item: str(obj(m).item ?? obj(m).missing ?? m), reason: str(obj(m).reason) }));
  return {
    dryRun: d.dryRun === true,
    sourceKind: kind === 'mlruns' || kind === 'mlflow-db' || kind === 'bundle' ? kind : null,
    sourceLabel: str(d.sourceLabel ?? d.label ?? d.source),
    counts: counts(obj(d.counts ?? d.added)),
    experiments: arr(d.experiments).map((e) => ({ name: str(obj(e).name), localId: str(obj(e).localId ?? obj(e).id) || null, runs: num(obj(e).runs) })),
    clashes: arr(d.clashes).map((c) => {
      const renamedTo = str(obj(c).renamedTo ?? obj(c).renameTo);
      return { name: str(obj(c).name), localId: str(obj(c).localId ?? obj(c).existingId), ...(renamedTo ? { renamedTo } : {}) };
    }),
    missing: missing.slice(0, 200),
    missingCount: Math.max(num(d.missingCount), missing.length),
    models: arr(d.models ?? d.registeredModels).map((m) => str(obj(m).name ?? m)).filter(Boolean),
  };
}

export function exportReportView(details: unknown): ExportReportView {
  const d = obj(details);
  const c = obj(d.counts);
  return {
    out: str(d.out ?? d.path),
    bytes: num(d.bytes ?? d.size),
    experiments: num(c.experiments ?? d.experiments),
    runs: num(c.runs ?? d.runs),
    registeredModels: num(c.registeredModels ?? c.models ?? d.models),
    incremental: d.incremental === true || typeof d.since === 'string',
    encrypted: d.encrypted === true,
  };
}

/** Null for other kinds, running jobs and jobs that ended without a report (a failure). */
export function transferResult(job: JobInfo | undefined): TransferResult | null {
  const details = job?.outcome?.details;
  if (!job || job.state === 'running' || details === undefined || details === null) return null;
  if (job.kind === 'import') return { kind: 'import', report: importReportView(details) };
  if (job.kind === 'export') return { kind: 'export', report: exportReportView(details) };
  return null;
}
