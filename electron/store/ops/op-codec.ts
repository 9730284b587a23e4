import type { Op } from './op-types';

/**
 * Journal payload of one op: u32 JSON length | JSON | metric points, when present, as
 * float64 (t, s, v) triples followed by one uint32 key index per point. Points travel as raw
 * numbers: compact, fast to write, and exact for NaN and +-Infinity.
 */
export function encodeOp(op: Op): Buffer {
  const metrics = op.type === 'run.log' ? op.metrics : null;
  const json = Buffer.from(JSON.stringify(op, (k, v) => (k === 'pts' || k === 'keyIdx' ? undefined : v)));
  const ptsBytes = metrics ? metrics.pts.byteLength : 0;
  const out = Buffer.allocUnsafe(4 + json.length + ptsBytes + (metrics ? metrics.keyIdx.length * 4 : 0));
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  if (metrics) {
    const at = 4 + json.length;
    out.set(new Uint8Array(metrics.pts.buffer, metrics.pts.byteOffset, ptsBytes), at);
    for (let i = 0; i < metrics.keyIdx.length; i++) out.writeUInt32LE(metrics.keyIdx[i]!, at + ptsBytes + i * 4);
  }
  return out;
}

export function decodeOp(payload: Buffer): Op {
  const jsonLen = payload.readUInt32LE(0);
  const op = JSON.parse(payload.toString('utf8', 4, 4 + jsonLen)) as Op;
  if (op.type === 'run.log' && op.metrics) {
    const rest = payload.subarray(4 + jsonLen);
    const n = rest.length / 28; // 24 bytes of point + 4 bytes of key index each
    op.metrics.pts = new Float64Array(rest.buffer.slice(rest.byteOffset, rest.byteOffset + n * 24));
    op.metrics.keyIdx = Array.from({ length: n }, (_, i) => rest.readUInt32LE(n * 24 + i * 4));
  }
  return op;
}
