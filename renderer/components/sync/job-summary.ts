import type { JobView } from '../../../shared/ipc/sync-types';

export type JobTone = 'running' | 'ok' | 'offline' | 'cancelled' | 'error';

export interface JobSummary {
  tone: JobTone;
  /** The one line under the title. */
  line: string;
  /** Problems with the item each belongs to (none when the one line says it all). */
  problems: { item: string; message: string }[];
}

const RETRYING = /^retrying (\S+ \S+) in ([\d.]+ s) \(attempt (\d+): (.*)\)$/;
const UNREACHABLE = /cannot be reached/;

/**
 * What the panel says of a job. A remote that is down is normal (offline first): one calm line,
 * not an error list; retries while it waits are "waiting", not failures.
 */
export function summarizeJob(job: JobView): JobSummary {
  const outcome = job.outcome;
  if (job.state === 'running') {
    const retry = RETRYING.exec(job.lines.at(-1) ?? '');
    if (retry) return { tone: 'running', line: `Waiting for the remote (attempt ${retry[3]}, next try in ${retry[2]}): ${retry[4]}`, problems: [] };
    const p = job.progress;
    return { tone: 'running', line: [p.phase, p.current].filter(Boolean).join(': ') || 'Starting…', problems: [] };
  }
  if (job.state === 'cancelled') return { tone: 'cancelled', line: outcome?.summary ?? 'Cancelled', problems: [] };
  if (job.state === 'succeeded') return { tone: 'ok', line: outcome?.summary ?? 'Done', problems: [] };
  if (outcome && UNREACHABLE.test(outcome.summary)) {
    return { tone: 'offline', line: 'The remote cannot be reached right now, so nothing was sent and nothing changed here. Try again once it is back.', problems: [] };
  }
  return { tone: 'error', line: outcome?.summary ?? 'Failed', problems: outcome?.problems ?? [] };
}

/** "12 / 40 items", "1.2 MiB / 3 MiB" style fractions, when the job knows its totals. */
export function progressFraction(job: JobView): number | null {
  const p = job.progress;
  if (p.bytesTotal) return Math.min(1, p.bytesDone / p.bytesTotal);
  if (p.itemsTotal) return Math.min(1, p.itemsDone / p.itemsTotal);
  return null;
}
