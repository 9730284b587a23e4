/**
 * The tail of a process's output as streamed text arrives: whole lines plus the line being
 * written (text after the last newline), capped to the newest `cap` lines so a chatty process
 * cannot grow the page without bound. Pure: every append returns a new buffer.
 */
export interface LogBuffer {
  /** Complete lines, oldest first (at most `cap`). */
  lines: readonly string[];
  /** Text after the last newline, not ended yet. */
  partial: string;
  /** Lines dropped from the front to keep the cap. */
  dropped: number;
}

export const EMPTY_LOG: LogBuffer = { lines: [], partial: '', dropped: 0 };
export const LOG_CAP = 2000;
/** A single line longer than this is cut (a progress bar without newlines, a minified blob). */
const LINE_MAX = 4000;

const cut = (line: string) => (line.length > LINE_MAX ? `${line.slice(0, LINE_MAX)} … (${line.length - LINE_MAX} more characters)` : line);

export function appendLog(buffer: LogBuffer, text: string, cap = LOG_CAP): LogBuffer {
  if (text === '') return buffer;
  // carriage returns (progress bars) and CRLF: a bare \r restarts the line being written
  const parts = (buffer.partial + text).replace(/\r\n/g, '\n').split('\n').map((p) => p.slice(p.lastIndexOf('\r') + 1));
  const partial = parts.pop() ?? '';
  if (parts.length === 0) return { ...buffer, partial: partial.length > LINE_MAX * 4 ? cut(partial) : partial };
  const all = [...buffer.lines, ...parts.map(cut)];
  const over = Math.max(0, all.length - cap);
  return { lines: over ? all.slice(over) : all, partial, dropped: buffer.dropped + over };
}

/** Seeds a buffer from lines a view already carries (a server's or job's latest lines). */
export const logFromLines = (lines: readonly string[], cap = LOG_CAP): LogBuffer => {
  const over = Math.max(0, lines.length - cap);
  return { lines: lines.slice(over).map(cut), partial: '', dropped: over };
};

/** Everything shown, as one text (the partial line last). */
export const logText = (buffer: LogBuffer): string => (buffer.partial ? [...buffer.lines, buffer.partial] : buffer.lines).join('\n');

/**
 * Adds a sliding window of a job's latest lines (its view's `lines`) to a log: the lines after
 * the longest overlap between the log's end and the window's start. Lines that scrolled out of
 * the window between two views are missed; a window that does not overlap is appended whole.
 */
export function mergeWindow(buffer: LogBuffer, window: readonly string[], cap = LOG_CAP): LogBuffer {
  const have = buffer.lines;
  let overlap = 0;
  for (let k = Math.min(have.length, window.length); k > 0; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = have[have.length - k + i] === window[i];
    if (same) {
      overlap = k;
      break;
    }
  }
  const fresh = window.slice(overlap);
  if (fresh.length === 0) return buffer;
  return appendLog({ ...buffer, partial: '' }, `${fresh.join('\n')}\n`, cap);
}
