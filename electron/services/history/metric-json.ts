/**
 * Metric entries as JSON text from (timestamp, step, value) triples: byte for byte what the
 * route wrote before for `{key, value, timestamp, step[, run_id]}` objects (MLflow's field
 * order; non-finite values as "NaN", "Infinity", "-Infinity"). Measured per 16k points, V8's
 * native JSON.stringify of short-lived objects (no replacer) beats formatting each number in
 * JS by about a third, so the objects are kept and only the replacer is avoided: it is used
 * just for the rare chunks holding a non-finite number.
 */

/** Entries as JSON text without brackets, `{…},{…}`, and where each one starts. */
export interface MetricEntries {
  /** The text: bytes when it is all ASCII (offsets are then byte offsets), else a string. */
  text: Buffer | string;
  /** starts[i] is where entry i begins; starts[count] is text.length + 1 (past a virtual comma). */
  starts: Uint32Array;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Points [from, to) of `pts` (triples) as `metrics/get-history` entries of `key`. */
export function metricEntries(pts: Float64Array, from: number, to: number, key: string): MetricEntries {
  const count = Math.max(0, to - from);
  const json = entriesJson(pts, from, count, (value, timestamp, step) => ({ key, value, timestamp, step }));
  const text = json.slice(1, -1);
  const starts = new Uint32Array(count + 1);
  const keyJson = JSON.stringify(key);
  // After `{"key":<key>,"value":` an entry holds only numbers, "NaN"-like strings and field
  // names: its first `}` closes it.
  const skip = `{"key":${keyJson},"value":`.length;
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    at = text.indexOf('}', at + skip) + 2;
  }
  starts[count] = count === 0 ? 0 : at;
  return { text: PRINTABLE_ASCII.test(keyJson) ? Buffer.from(text, 'latin1') : text, starts };
}

/** Points of `pts` as `get-history-bulk-interval` entries (with the run id), `{…},{…}`. */
export function metricEntriesWithRunId(pts: Float64Array, key: string, runId: string): string {
  return entriesJson(pts, 0, pts.length / 3, (value, timestamp, step) => ({ key, value, timestamp, step, run_id: runId })).slice(1, -1);
}

function entriesJson(pts: Float64Array, from: number, count: number, entry: (value: number, timestamp: number, step: number) => object): string {
  const objects = new Array<object>(count);
  let finite = true;
  for (let i = 0; i < count; i++) {
    const p = (from + i) * 3;
    const t = pts[p]!;
    const s = pts[p + 1]!;
    const v = pts[p + 2]!;
    if (v - v !== 0 || t - t !== 0 || s - s !== 0) finite = false;
    objects[i] = entry(v, t, s);
  }
  return finite ? JSON.stringify(objects) : JSON.stringify(objects, nonFiniteAsString);
}

/** MLflow's (protobuf JSON's) non-finite doubles: the strings "NaN", "Infinity", "-Infinity". */
const nonFiniteAsString = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

/** Entries [a, b) as text, without a leading or trailing comma. */
export function entriesSlice(entries: MetricEntries, a: number, b: number): Buffer | string {
  if (b <= a) return '';
  const start = entries.starts[a]!;
  const end = entries.starts[b]! - 1;
  return typeof entries.text === 'string' ? entries.text.slice(start, end) : entries.text.subarray(start, end);
}

/** Bytes a cached text holds (a string of non-Latin-1 characters takes two per character). */
export function entriesBytes(entries: MetricEntries): number {
  return (typeof entries.text === 'string' ? 2 * entries.text.length : entries.text.length) + entries.starts.byteLength;
}
