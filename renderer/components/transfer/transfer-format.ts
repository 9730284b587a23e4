import type { ExportReportView, ImportClash, ImportCounts, ImportExperimentView, ImportReportView } from '../../../shared/ipc/transfer-types';
import { formatBytes } from '../../state/job-rate';

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What an import brings (or would), one phrase per kind of thing that is there; empty when nothing is new. */
export function countPhrases(c: ImportCounts): string[] {
  return [
    c.experiments ? plural(c.experiments, 'new experiment') : '',
    c.runsNew ? plural(c.runsNew, 'new run') : '',
    c.runsUpdated ? `${plural(c.runsUpdated, 'run')} already here with new data` : '',
    c.points ? plural(c.points, 'metric point') : '',
    c.artifacts ? `${plural(c.artifacts, 'artifact file')} (${formatBytes(c.bytes)})` : '',
    c.loggedModels ? plural(c.loggedModels, 'logged model') : '',
    c.registeredModels ? plural(c.registeredModels, 'registered model') : '',
    c.versions ? plural(c.versions, 'model version') : '',
  ].filter(Boolean);
}

export const nothingNew = (r: ImportReportView) => countPhrases(r.counts).length === 0;

/** What an experiment row says it becomes here. */
export function experimentFate(e: ImportExperimentView, clash: ImportClash | undefined): string {
  if (e.action === 'skipped') return 'skipped: name taken';
  if (clash?.resolution === 'renamed') return `new, as “${e.localName ?? e.name}”`;
  if (clash?.resolution === 'merged') return `into the existing “${e.localName ?? e.name}”`;
  return e.action === 'new' ? 'new' : 'already here: adds what is new';
}

const KIND_NAMES = { mlruns: 'MLflow file store (mlruns)', 'mlflow-db': 'MLflow SQLite database', bundle: 'Sextant bundle' } as const;

/** "MLflow SQLite database: mlflow.db at /data/mlflow.db" (what the engine recognised from the content). */
export function sourceLine(r: ImportReportView): string {
  const kind = r.sourceKind ? KIND_NAMES[r.sourceKind] : '';
  return [kind, r.sourceLabel].filter(Boolean).join(': ');
}

/** The export's one line: what went into which file. */
export function exportLine(r: ExportReportView): string {
  const what = [
    r.experiments ? plural(r.experiments, 'experiment') : '',
    r.runs ? plural(r.runs, 'run') : '',
    r.metricPoints ? plural(r.metricPoints, 'metric point') : '',
    r.artifacts ? plural(r.artifacts, 'artifact file') : '',
    r.loggedModels ? plural(r.loggedModels, 'logged model') : '',
    r.registeredModels ? plural(r.registeredModels, 'registered model') : '',
  ].filter(Boolean);
  const kind = `${r.incremental ? 'incremental ' : ''}${r.encrypted ? 'encrypted ' : ''}bundle`;
  return `Wrote ${what.length ? what.join(', ') : 'nothing new'} to the ${kind} ${r.out}${r.bytes ? ` (${formatBytes(r.bytes)})` : ''}.`;
}
