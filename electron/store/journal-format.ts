import { crc32 } from 'node:zlib';

/**
 * One journal record on disk:
 *   u32 payload length | u32 crc32(seq bytes + payload) | u64 seq | payload
 * all little-endian. The payload is one mutation (see ops/op-codec.ts). Records sit back to
 * back from byte 0 of a segment. A segment may be preallocated: zero bytes after the last
 * record (up to the end of the file) are space not written yet, never a record, since a
 * record's header is never 16 zero bytes (seqs start at 1). Segments written before
 * preallocation simply end after their last record.
 */
export const HEADER_BYTES = 16;
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

export function encodeRecord(seq: number, payload: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  buf.writeUInt32LE(payload.length, 0);
  buf.writeBigUInt64LE(BigInt(seq), 8);
  buf.set(payload, HEADER_BYTES);
  buf.writeUInt32LE(crc32(buf.subarray(8)), 4);
  return buf;
}

export type DecodeResult =
  | { kind: 'record'; seq: number; payload: Buffer; next: number }
  | { kind: 'end' }
  | { kind: 'bad'; reason: string };

/** Decodes the record starting at `offset`; 'bad' for a short or checksum-failing record. */
export function decodeRecordAt(buf: Buffer, offset: number): DecodeResult {
  if (offset === buf.length) return { kind: 'end' };
  if (buf.length - offset < HEADER_BYTES) return { kind: 'bad', reason: 'short header' };
  const len = buf.readUInt32LE(offset);
  if (len > MAX_PAYLOAD_BYTES) return { kind: 'bad', reason: 'impossible length' };
  const end = offset + HEADER_BYTES + len;
  if (end > buf.length) return { kind: 'bad', reason: 'short payload' };
  const crc = buf.readUInt32LE(offset + 4);
  if (crc32(buf.subarray(offset + 8, end)) !== crc) return { kind: 'bad', reason: 'checksum mismatch' };
  const seq = Number(buf.readBigUInt64LE(offset + 8));
  return { kind: 'record', seq, payload: buf.subarray(offset + HEADER_BYTES, end), next: end };
}
