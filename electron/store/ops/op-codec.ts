import type { Op } from './op-types';

/**
 * Journal payload of one op: u32 JSON length | JSON | float64 metric points (when present).
 * Points travel as raw float64s: compact, fast, and exact for NaN and +-Infinity.
 */
export function encodeOp(op: Op): Buffer {
  const pts = op.type === 'run.log' && op.metrics ? op.metrics.pts : null;
  const json = Buffer.from(JSON.stringify(op, (k, v) => (k === 'pts' ? undefined : v)));
  const out = Buffer.allocUnsafe(4 + json.length + (pts ? pts.byteLength : 0));
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  if (pts) out.set(new Uint8Array(pts.buffer, pts.byteOffset, pts.byteLength), 4 + json.length);
  return out;
}

export function decodeOp(payload: Buffer): Op {
  const jsonLen = payload.readUInt32LE(0);
  const op = JSON.parse(payload.toString('utf8', 4, 4 + jsonLen)) as Op;
  if (op.type === 'run.log' && op.metrics) {
    const bytes = payload.subarray(4 + jsonLen);
    op.metrics.pts = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  return op;
}
