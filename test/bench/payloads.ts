// Pre-serialised request bodies. A body is serialised once into a Buffer with fixed-width numeric
// "slots" (runs of spaces); per request the template is copied and only the slots are overwritten
// with right-aligned digits. JSON allows whitespace before a value, so `"step":      42` is valid.
// This keeps the client's per-request cost to a memcpy and a few short writes.

const SLOT_WIDTH = 16;
const SLOT = ' '.repeat(SLOT_WIDTH);

export class SlotTemplate {
  private readonly template: Buffer;
  private readonly offsets: Uint32Array;

  /** `pieces` are ASCII JSON fragments; a slot sits between each pair of consecutive pieces. */
  constructor(pieces: string[]) {
    const offsets: number[] = [];
    let text = pieces[0] ?? '';
    for (let i = 1; i < pieces.length; i++) {
      offsets.push(text.length);
      text += SLOT + pieces[i];
    }
    this.template = Buffer.from(text, 'latin1');
    this.offsets = Uint32Array.from(offsets);
  }

  get slots(): number {
    return this.offsets.length;
  }

  get byteLength(): number {
    return this.template.length;
  }

  /** A fresh Buffer with slot i set to the non-negative integer `value(i)` (at most 16 digits). */
  fill(value: (slot: number) => number): Buffer {
    const out = Buffer.allocUnsafe(this.template.length);
    this.template.copy(out);
    for (let i = 0; i < this.offsets.length; i++) writeDigits(out, (this.offsets[i] as number) + SLOT_WIDTH, value(i));
    return out;
  }
}

/**
 * Writes the non-negative integer n (< 2^53) as ASCII digits ending just before `end`. The number
 * is split into two int32 halves so the digit loop stays in integer arithmetic (a double `%` is a
 * slow library call); this is ~10× cheaper than String(n) + Buffer.write.
 */
function writeDigits(out: Buffer, end: number, n: number): void {
  let hi = Math.floor(n / 1e9) | 0;
  let lo = (n - hi * 1e9) | 0;
  if (hi === 0) {
    do {
      out[--end] = 48 + (lo % 10);
      lo = (lo / 10) | 0;
    } while (lo > 0);
    return;
  }
  for (let i = 0; i < 9; i++) {
    out[--end] = 48 + (lo % 10);
    lo = (lo / 10) | 0;
  }
  do {
    out[--end] = 48 + (hi % 10);
    hi = (hi / 10) | 0;
  } while (hi > 0);
}

/** Formats a metric value the way it goes on the wire (plain JSON number). */
function num(v: number): string {
  return JSON.stringify(Number(v.toPrecision(8)));
}

/**
 * A `runs/log-batch` body with `keys.length × stepsPerBatch` metrics in step-major order (for each
 * step, every key), as a training loop flushing every `stepsPerBatch` steps would send.
 * `build(firstStep, firstTimestamp)` gives steps firstStep.. and timestamps firstTimestamp + offset.
 */
export class MetricBatchBody {
  private readonly tpl: SlotTemplate;

  constructor(runId: string, readonly keys: string[], readonly stepsPerBatch: number, rand: () => number) {
    // pieces: P0 [ts] ,"step": [step] },P2 [ts] ,"step": [step] ... }]}
    const prefixes: string[] = [];
    for (let s = 0; s < stepsPerBatch; s++) {
      for (const key of keys) prefixes.push(`{"key":${JSON.stringify(key)},"value":${num(rand())},"timestamp":`);
    }
    const pieces: string[] = [];
    prefixes.forEach((prefix, i) => {
      pieces.push(i === 0 ? `{"run_id":${JSON.stringify(runId)},"metrics":[${prefix}` : `},${prefix}`);
      pieces.push(',"step":');
    });
    pieces.push('}]}');
    this.tpl = new SlotTemplate(pieces);
  }

  get points(): number {
    return this.keys.length * this.stepsPerBatch;
  }

  get byteLength(): number {
    return this.tpl.byteLength;
  }

  build(firstStep: number, firstTimestamp: number): Buffer {
    const k = this.keys.length;
    // slots alternate: timestamp, step, timestamp, step, ... one pair per metric
    return this.tpl.fill((slot) => {
      const offset = Math.floor(slot / 2 / k);
      return slot % 2 === 0 ? firstTimestamp + offset : firstStep + offset;
    });
  }
}

/** A `runs/log-metric` body; `build(step, timestamp)`. */
export class LogMetricBody {
  private readonly tpl: SlotTemplate;

  constructor(runId: string, key: string, value: number) {
    this.tpl = new SlotTemplate([
      `{"run_id":${JSON.stringify(runId)},"key":${JSON.stringify(key)},"value":${num(value)},"timestamp":`,
      ',"step":',
      '}',
    ]);
  }

  build(step: number, timestamp: number): Buffer {
    return this.tpl.fill((slot) => (slot === 0 ? timestamp : step));
  }
}

export function metricKeys(n: number, prefix = 'metric_'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}
