import type { JobHolder, JobProblem, JobProgress, JobState } from './job-types';
import { printable } from './progress-line';

/** How a job run from the CLI ended, wherever it ran: what `--json` prints. */
export interface JobReport {
  kind: string;
  state: Exclude<JobState, 'running'>;
  summary: string;
  problems: JobProblem[];
  details?: unknown;
  progress: JobProgress;
  /** 'handed to process 123 (sextant serve)' or 'in this process'. */
  ranIn: string;
  /** The process that ran the job, when it was handed over. */
  holder?: JobHolder;
  jobId?: string;
  durationMs: number;
}

export interface CliOutput {
  /** Printed on stdout (ends with a newline). */
  stdout: string;
  /** One line per problem, for stderr. */
  stderr: string[];
  exitCode: number;
}

/** Exit status: 0 only when the job succeeded with no problem; 130 (as for SIGINT) when cancelled. */
export function exitCodeOf(report: Pick<JobReport, 'state' | 'problems'>): number {
  if (report.state === 'cancelled') return 130;
  return report.state === 'succeeded' && report.problems.length === 0 ? 0 : 1;
}

/** The final output: the summary line (or the JSON report) on stdout, the problems on stderr. */
export function formatReport(report: JobReport, json: boolean): CliOutput {
  const stderr = report.problems.map((p) => oneLine(`${p.item}: ${p.message}`));
  const stdout = json ? `${JSON.stringify(report)}\n` : `${oneLine(report.summary)}\n`;
  return { stdout, stderr, exitCode: exitCodeOf(report) };
}

/** A report for a job that never got to run (the store could not be opened, the holder refused). */
export function failedBeforeStart(kind: string, message: string, durationMs: number, ranIn: string): JobReport {
  return { kind, state: 'failed', summary: `${kind} failed: ${message}`, problems: [{ item: kind, message }], progress: { itemsDone: 0, bytesDone: 0 }, ranIn, durationMs };
}

export function describeHolder(holder: JobHolder): string {
  const what = holder.kind === 'serve' ? 'sextant serve' : holder.kind === 'app' ? 'the Sextant app' : 'another sextant command';
  return `process ${holder.pid} (${what})`;
}

const oneLine = (text: string) => printable(text).replace(/\s+/g, ' ').trim();
