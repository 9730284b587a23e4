import { chunkEnd, TEXT_CHUNK, type ChunkLimits } from './text-window';

/**
 * A long text cut into chunks (see chunkEnd: whole lines, bounded in lines and characters), so a
 * viewer renders a few of them: the first, the last (a log's tail), or those around a match.
 */
export interface Chunking {
  /** Where each chunk starts, then the text's length: chunk k is [starts[k], starts[k + 1]). */
  starts: number[];
  /** Line breaks before each start: the line number of chunk k's first line is breaksBefore[k] + 1. */
  breaksBefore: number[];
  /** Lines in the text, as an editor counts them. */
  totalLines: number;
}

export function chunkText(text: string, limits: ChunkLimits = TEXT_CHUNK): Chunking {
  const starts = [0];
  const breaksBefore = [0];
  let breaks = 0;
  for (let at = 0; at < text.length; ) {
    const end = chunkEnd(text, at, limits);
    for (let i = text.indexOf('\n', at); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) breaks++;
    starts.push(end);
    breaksBefore.push(breaks);
    at = end;
  }
  if (starts.length === 1) starts.push(0); // '' is one empty chunk
  const trailingBreak = text.endsWith('\n');
  return { starts, breaksBefore, totalLines: Math.max(1, trailingBreak ? breaks : breaks + 1) };
}

export const chunkCount = (c: Chunking) => c.starts.length - 1;

/** Which chunks are shown: counted from the start or from the end (so a growing log keeps showing its end), or fixed ones. */
export type WindowAt = { from: 'head'; chunks: number } | { from: 'tail'; chunks: number } | { from: 'range'; first: number; last: number };

export const HEAD: WindowAt = { from: 'head', chunks: 1 };
export const TAIL: WindowAt = { from: 'tail', chunks: 1 };

/** The first and last chunk shown (inclusive). */
export function resolveWindow(at: WindowAt, c: Chunking): { first: number; last: number } {
  const n = chunkCount(c);
  const clamp = (k: number) => Math.max(0, Math.min(n - 1, k));
  if (at.from === 'head') return { first: 0, last: clamp(at.chunks - 1) };
  if (at.from === 'tail') return { first: clamp(n - at.chunks), last: n - 1 };
  return { first: clamp(at.first), last: clamp(Math.max(at.first, at.last)) };
}

/** One more chunk after the window. */
export function showMore(at: WindowAt, c: Chunking): WindowAt {
  if (at.from === 'head') return { from: 'head', chunks: at.chunks + 1 };
  const { first, last } = resolveWindow(at, c);
  return { from: 'range', first, last: last + 1 };
}

/** One more chunk before the window. */
export function showEarlier(at: WindowAt, c: Chunking): WindowAt {
  if (at.from === 'tail') return { from: 'tail', chunks: at.chunks + 1 };
  const { first, last } = resolveWindow(at, c);
  return { from: 'range', first: first - 1, last };
}

/** The chunk holding the character at `index`. */
export function chunkOf(c: Chunking, index: number): number {
  let lo = 0;
  let hi = chunkCount(c) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c.starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A window that shows the character at `index`: the same one if it does, grown by a chunk if next to it, else that chunk alone. */
export function windowWith(at: WindowAt, c: Chunking, index: number): WindowAt {
  const k = chunkOf(c, index);
  const { first, last } = resolveWindow(at, c);
  if (k >= first && k <= last) return at;
  if (k === last + 1) return showMore(at, c);
  if (k === first - 1) return showEarlier(at, c);
  return { from: 'range', first: k, last: k };
}

/** The characters a window shows: [start, end). */
export function windowSpan(at: WindowAt, c: Chunking): { start: number; end: number } {
  const { first, last } = resolveWindow(at, c);
  return { start: c.starts[first]!, end: c.starts[last + 1]! };
}

/**
 * What a window of a longer text says about itself, or null when the whole text is shown.
 * `fromEnd`: the text is the end of the file (a tail read), so lines are counted within it.
 * `partial`: the text is only the start of the file, so its totals are lower bounds.
 */
export function describeWindow(at: WindowAt, c: Chunking, opts: { fromEnd: boolean; partial: boolean }): string | null {
  const { first, last } = resolveWindow(at, c);
  if (first === 0 && last === chunkCount(c) - 1) return null;
  const n = (x: number) => x.toLocaleString();
  const a = c.breaksBefore[first]! + 1;
  const b = Math.min(c.totalLines, c.breaksBefore[last + 1]! + (last + 1 === chunkCount(c) ? 1 : 0));
  const more = opts.partial ? '+' : '';
  if (opts.fromEnd) return `Showing ${n(b - a + 1)} of the last ${n(c.totalLines)} lines read.`;
  if (first === 0) return `Showing the first ${n(b)} of ${n(c.totalLines)}${more} lines.`;
  return `Showing lines ${n(a)}–${n(b)} of ${n(c.totalLines)}${more}.`;
}
