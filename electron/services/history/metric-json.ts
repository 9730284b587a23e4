/**
 * Metric entries as JSON text straight from (timestamp, step, value) triples, byte for byte
 * what JSON.stringify with MLflow's non-finite replacer writes for `{key, value, timestamp,
 * step[, run_id]}` objects (MLflow's field order), without building an object per point.
 */

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const ZEROS = '000000000';

/**
 * A double as JSON.stringify writes it (`String(n)`; -0 as 0), non-finite ones as the strings
 * "NaN", "Infinity", "-Infinity". Integers beyond 32 bits (millisecond timestamps) are written
 * as two small integers: V8 formats those on a fast path, several times faster than a double.
 */
export function numberJson(n: number): string {
  if (n === (n | 0)) return `${n}`;
  if (n !== n || n === Infinity || n === -Infinity) return `"${n}"`;
  if (n > MAX_SAFE || n < -MAX_SAFE || Math.floor(n) !== n) return `${n}`;
  const abs = n < 0 ? -n : n;
  let high = Math.floor(abs / 1e9);
  let low = abs - high * 1e9;
  if (low < 0) {
    high -= 1;
    low += 1e9;
  } else if (low >= 1e9) {
    high += 1;
    low -= 1e9;
  }
  const sign = n < 0 ? '-' : '';
  if (high === 0) return `${sign}${low}`;
  const lowText = `${low}`;
  return `${sign}${high}${ZEROS.slice(lowText.length)}${lowText}`;
}

/** Entries as UTF-8 JSON text, each preceded by a comma: `,{…},{…}`. */
export interface MetricEntries {
  bytes: Buffer;
  /** starts[i] is where entry i (its comma) begins; starts[count] is bytes.length. */
  starts: Uint32Array;
}

/** What every entry of one answer shares: the key, and the run id in bulk answers. */
export interface EntryShape {
  /** `,{"key":<key>,"value":` */
  head: string;
  /** `}` or `,"run_id":<id>}` */
  tail: string;
  /** UTF-8 bytes an entry can take at most. */
  maxBytes: number;
}

/** Longest a double can print: "-0.0000012345678901234567" (25), with room to spare. */
const MAX_NUMBER_CHARS = 26;

export function entryShape(key: string, runId?: string): EntryShape {
  const head = `,{"key":${JSON.stringify(key)},"value":`;
  const tail = runId === undefined ? '}' : `,"run_id":${JSON.stringify(runId)}}`;
  return { head, tail, maxBytes: Buffer.byteLength(head + ',"timestamp":,"step":' + tail) + 3 * MAX_NUMBER_CHARS };
}

/** Points [from, to) of `pts` (triples) as entries. */
export function metricEntries(pts: Float64Array, from: number, to: number, shape: EntryShape): MetricEntries {
  const count = Math.max(0, to - from);
  const starts = new Uint32Array(count + 1);
  let buf: Buffer = Buffer.allocUnsafe(Math.max(64, count * Math.min(shape.maxBytes, 128)));
  let off = 0;
  const { head, tail, maxBytes } = shape;
  for (let i = 0; i < count; i++) {
    if (buf.length - off < maxBytes) buf = grown(buf, off, maxBytes);
    starts[i] = off;
    const p = (from + i) * 3;
    off += buf.write(`${head}${numberJson(pts[p + 2]!)},"timestamp":${numberJson(pts[p]!)},"step":${numberJson(pts[p + 1]!)}${tail}`, off);
  }
  starts[count] = off;
  const bytes = Buffer.allocUnsafeSlow(off); // exactly sized: these may be kept in a cache
  buf.copy(bytes, 0, 0, off);
  return { bytes, starts };
}

function grown(buf: Buffer, used: number, atLeast: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(buf.length * 2, used + atLeast));
  buf.copy(next, 0, 0, used);
  return next;
}

/** Entries [a, b) as text; `first` drops the leading comma (the first entry of an array). */
export function entriesSlice(entries: MetricEntries, a: number, b: number, first: boolean): Buffer {
  return entries.bytes.subarray(entries.starts[a]! + (first && b > a ? 1 : 0), entries.starts[b]!);
}
