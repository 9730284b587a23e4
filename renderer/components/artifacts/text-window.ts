import { HIGHLIGHT_ALWAYS, HIGHLIGHT_LIMIT, HIGHLIGHT_MAX_AVERAGE_LINE, TEXT_CHUNK_CHARS, TEXT_CHUNK_LINES } from './limits';

/** The start of a long text that a viewer renders: whole lines, in bounded chunks. */
export interface TextWindow {
  /** What is shown: the first chunks of the text. */
  text: string;
  /** Lines shown; a line cut short counts. */
  lines: number;
  /** Lines in the whole text. */
  totalLines: number;
  /** True when the whole text is shown. */
  complete: boolean;
  /** True when the window ends inside a line (one longer than a chunk). */
  endsMidLine: boolean;
}

export interface ChunkLimits {
  lines: number;
  chars: number;
}

export const TEXT_CHUNK: ChunkLimits = { lines: TEXT_CHUNK_LINES, chars: TEXT_CHUNK_CHARS };

/** Lines as an editor numbers them: a final line break does not start another line; '' is one line. */
export function countLines(text: string): number {
  let breaks = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks++;
  return Math.max(1, text.endsWith('\n') ? breaks : breaks + 1);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Where the chunk starting at `start` ends: after `limits.lines` lines or `limits.chars`
 * characters, whichever comes first. It ends at a line break unless its first line alone is too
 * long; then it cuts that line (never between the halves of a surrogate pair).
 */
export function chunkEnd(text: string, start: number, limits: ChunkLimits): number {
  const cap = Math.min(text.length, start + limits.chars);
  let end = start;
  for (let n = 0; n < limits.lines; n++) {
    const nl = text.indexOf('\n', end);
    if (nl === -1 || nl > cap) {
      if (text.length <= cap) return text.length;
      if (n > 0) return end;
      return isHighSurrogate(text.charCodeAt(cap - 1)) && cap - 1 > start ? cap - 1 : cap;
    }
    end = nl + 1;
  }
  return end;
}

/** The first `chunks` chunks of `text` (at least one). */
export function textWindow(text: string, chunks: number, limits: ChunkLimits = TEXT_CHUNK): TextWindow {
  let end = 0;
  for (let c = 0; c < Math.max(1, chunks) && end < text.length; c++) end = chunkEnd(text, end, limits);
  const complete = end >= text.length;
  const shown = complete ? text : text.slice(0, end);
  return { text: shown, lines: countLines(shown), totalLines: countLines(text), complete, endsMidLine: !complete && !shown.endsWith('\n') };
}

/**
 * What a cut window says about itself. `partial`: the text is only the start of the file (a
 * preview read), so its totals are lower bounds.
 */
export function describeTextWindow(win: TextWindow, fullLength: number, partial: boolean): string {
  const more = partial ? '+' : '';
  const n = (x: number) => x.toLocaleString();
  const shown = win.endsMidLine
    ? `Showing the first ${n(win.text.length)} of ${n(fullLength)}${more} characters (${n(win.lines)} of ${n(win.totalLines)}${more} lines)`
    : `Showing the first ${n(win.lines)} of ${n(win.totalLines)}${more} lines`;
  return `${shown} — Download for the whole file.`;
}

/** Whether the shown text is cheap enough to syntax-highlight: small, or modest in lines of ordinary length. */
export function worthHighlighting(win: Pick<TextWindow, 'text' | 'lines'>): boolean {
  const chars = win.text.length;
  return chars <= HIGHLIGHT_ALWAYS || (chars <= HIGHLIGHT_LIMIT && chars / win.lines <= HIGHLIGHT_MAX_AVERAGE_LINE);
}
