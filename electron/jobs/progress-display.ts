import type { JobProgress } from './job-types';
import { printable, renderProgressLine } from './progress-line';
import { RateMeter } from './rate-meter';

export interface TextOut {
  write(text: string): unknown;
}

export interface ProgressDisplay {
  progress(progress: JobProgress): void;
  /** A line printed above the progress line. */
  log(line: string): void;
  /** Removes the progress line (before the final output). */
  clear(): void;
}

export interface ProgressDisplayOptions {
  out: TextOut;
  kind: string;
  /** The terminal's width now (it may be resized while the job runs). */
  columns: () => number;
  now?: () => number;
}

const CLEAR_LINE = '\r\x1b[K';

/** A single updating progress line on a terminal, with log lines scrolling above it. */
export function createProgressDisplay({ out, kind, columns, now = Date.now }: ProgressDisplayOptions): ProgressDisplay {
  const meter = new RateMeter();
  let line = '';
  const draw = () => out.write(`${CLEAR_LINE}${line}`);
  return {
    progress(progress) {
      meter.add(now(), progress);
      line = renderProgressLine({ kind, progress: { ...progress, phase: progress.phase && printable(progress.phase), current: progress.current && printable(progress.current) }, rates: meter.rates(), width: columns() });
      draw();
    },
    log(text) {
      out.write(`${CLEAR_LINE}${printable(text)}\n`);
      if (line) draw();
    },
    clear() {
      if (line) out.write(CLEAR_LINE);
      line = '';
    },
  };
}

/** What a display is where stderr is not a terminal: nothing but the final output is printed. */
export const silentDisplay: ProgressDisplay = { progress() {}, log() {}, clear() {} };
