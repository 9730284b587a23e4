import type { JobProblem } from '../../jobs/job-types';
import { formatBytes } from '../../jobs/progress-line';
import type { ImportClash, ImportCounts } from '../../../shared/ipc/transfer-types';
import type { SourceKind } from './import-source';

export type { ImportClash, ImportCounts };

export const emptyCounts = (): ImportCounts => ({
  experiments: 0, runsNew: 0, runsUpdated: 0, runsUnchanged: 0, params: 0, tags: 0, points: 0, inputs: 0, artifacts: 0, bytes: 0, loggedModels: 0, registeredModels: 0, versions: 0,
});

/** One source experiment and where it went. */
export interface ImportedExperiment {
  sourceId: string;
  name: string;
  /** The local experiment (planned, in a dry run); null when skipped. */
  localId: string | null;
  localName: string | null;
  action: 'new' | 'merged' | 'skipped';
  /** Its id was taken here by another experiment, so it got another. */
  renumbered: boolean;
  runs: number;
}

/** A file the source points at that is not there. */
export interface MissingFile {
  item: string;
  path: string;
  reason: string;
}

export interface ImportDetails {
  source: string;
  kind: SourceKind;
  dryRun: boolean;
  counts: ImportCounts;
  experiments: ImportedExperiment[];
  /** Local ids of the experiments that came in (new or merged into), for links. */
  experimentIds: string[];
  /** Local names of the registered models that came in. */
  models: string[];
  clashes: ImportClash[];
  missing: MissingFile[];
  cancelled: boolean;
}

/** The outcome of an import, shaped as a job outcome (summary, problems, details). */
export interface ImportReport {
  summary: string;
  problems: JobProblem[];
  details: ImportDetails;
}

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, word: string) => `${n(x)} ${word}${x === 1 ? '' : 's'}`;

/** The one line a person reads: what came in, from where, and how many problems. */
export function summarise(d: ImportDetails, problems: number, ms: number): string {
  const c = d.counts;
  const runs = c.runsNew + c.runsUpdated;
  const verb = d.dryRun ? 'would import' : d.cancelled ? 'cancelled after importing' : 'imported';
  const parts = [
    `${plural(d.experimentIds.length, 'experiment')} (${n(c.experiments)} new)`,
    `${plural(runs, 'run')} (${n(c.runsNew)} new, ${n(c.runsUpdated)} updated, ${n(c.runsUnchanged)} unchanged)`,
    `${plural(c.points, 'point')}`,
    `${plural(c.artifacts, 'artifact')} (${formatBytes(c.bytes)})`,
  ];
  if (c.loggedModels) parts.push(plural(c.loggedModels, 'logged model'));
  if (c.registeredModels || c.versions) parts.push(`${plural(c.registeredModels, 'registered model')} (${plural(c.versions, 'version')})`);
  const resolved = d.clashes.filter((c) => c.resolution !== 'skipped').map((c) => `'${c.name}' ${c.resolution === 'merged' ? 'merged into the one here' : `imported as '${c.localName}'`}`);
  const clashes = resolved.length ? `; name clashes: ${resolved.join(', ')}` : '';
  const tail = `${clashes}${problems ? `; ${plural(problems, 'problem')}` : ''}`;
  return `${verb} ${parts.join(', ')} from ${d.source} in ${(ms / 1000).toFixed(1)} s${tail}`;
}
