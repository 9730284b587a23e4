import { createReadStream } from 'node:fs';
import { SourceError, type SourcePoint } from '../import-source';

/** Python's str(float) spellings MLflow writes, and the ones Number() reads as they are. */
function parseValue(text: string): number {
  const n = Number(text);
  if (!Number.isNaN(n) && text !== '') return n;
  switch (text.toLowerCase()) {
    case 'nan':
      return Number.NaN;
    case 'inf':
    case 'infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
    default:
      return Number.NaN;
  }
}

/**
 * One line of a metrics file: "timestamp value step", legacy "timestamp value" (step 0), or with
 * a dataset name and digest after the step (logged model metrics). Null when the line is not one.
 */
export function parseMetricLine(line: string): SourcePoint | null {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const a = text.indexOf(' ');
  if (a <= 0) return null;
  const b = text.indexOf(' ', a + 1);
  const valueText = b < 0 ? text.slice(a + 1) : text.slice(a + 1, b);
  const timestamp = Number(text.slice(0, a));
  const value = parseValue(valueText);
  let step = 0;
  if (b >= 0) {
    const c = text.indexOf(' ', b + 1);
    step = Number(c < 0 ? text.slice(b + 1) : text.slice(b + 1, c));
  }
  if (!Number.isInteger(timestamp) || !Number.isInteger(step) || (Number.isNaN(value) && valueText.toLowerCase() !== 'nan')) return null;
  return { timestamp, value, step };
}

/**
 * A metrics file in batches of points, streamed. A line that is not a point, or a last line
 * without its newline (MLflow was still writing it), is a SourceError naming `item`.
 */
export async function* readMetricFile(file: string, item: string, batch = 10_000): AsyncGenerator<SourcePoint[]> {
  let rest = '';
  let out: SourcePoint[] = [];
  let lineNo = 0;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        lineNo++;
        if (line.trim() === '') continue;
        const p = parseMetricLine(line);
        if (!p) throw new SourceError(item, `${file} line ${lineNo} is not a metric point ('${line.slice(0, 80)}')`);
        out.push(p);
        if (out.length >= batch) {
          yield out;
          out = [];
        }
      }
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(item, `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  } finally {
    stream.destroy();
  }
  if (rest.trim() !== '') throw new SourceError(item, `${file} ends in a half-written line ('${rest.slice(0, 80)}')`);
  if (out.length) yield out;
}
