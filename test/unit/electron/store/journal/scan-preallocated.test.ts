import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeRecord, HEADER_BYTES } from '../../../../../electron/store/journal-format';
import { scanJournal } from '../../../../../electron/store/journal-reader';
import { StoreOpenError } from '../../../../../electron/store/store-errors';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const EXTENT = 4096;

/** Records 1..n back to back (payloads of different lengths), and where each one ends. */
function records(n: number, payloadBytes = (i: number) => 20 + i * 13): { bytes: Buffer; ends: number[] } {
  const recs = Array.from({ length: n }, (_, i) => encodeRecord(i + 1, Buffer.alloc(payloadBytes(i), 0x61 + (i % 26))));
  const ends: number[] = [];
  recs.reduce((off, r) => (ends.push(off + r.length), off + r.length), 0);
  return { bytes: Buffer.concat(recs), ends };
}

/** `content` at the start of a file of `length` bytes, the rest zeros: a preallocated segment. */
function segment(content: Buffer, length: number): string {
  const file = Buffer.alloc(length);
  content.copy(file);
  const path = join(tempDir(), 'j.log');
  writeFileSync(path, file);
  return path;
}

const seqs = (path: string) => scanJournal(path).records.map((r) => r.seq);

describe('scanJournal on preallocated segments', () => {
  it('takes zeros after the last record as the end of the records: neither damage nor a torn tail', () => {
    const { bytes, ends } = records(6);
    const path = segment(bytes, EXTENT);
    const scan = scanJournal(path);
    expect(scan.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(scan.records[3]!.payload.equals(Buffer.alloc(20 + 3 * 13, 0x64))).toBe(true);
    expect(scan.validBytes).toBe(ends[5]);
    expect(scan.tornTail).toBeUndefined();
    expect(scan.zeroTail).toEqual({ offset: ends[5], bytes: EXTENT - ends[5]! });
  });

  it('reads an all-zero segment (a crash between preallocation and the first append) as holding nothing', () => {
    for (const length of [1, HEADER_BYTES - 1, HEADER_BYTES, EXTENT]) {
      const scan = scanJournal(segment(Buffer.alloc(0), length));
      expect(scan.records).toEqual([]);
      expect(scan.tornTail).toBeUndefined();
      expect(scan.zeroTail).toEqual({ offset: 0, bytes: length });
    }
  });

  it('reads a segment whose records end exactly at the end of an extent, with or without the next extent of zeros', () => {
    // 32 records of 128 bytes fill one extent exactly.
    const { bytes } = records(32, () => 128 - HEADER_BYTES);
    expect(bytes.length).toBe(EXTENT);
    const full = scanJournal(segment(bytes, EXTENT));
    expect(full.records).toHaveLength(32);
    expect(full.validBytes).toBe(EXTENT);
    expect(full.zeroTail).toBeUndefined();
    expect(full.tornTail).toBeUndefined();
    const next = scanJournal(segment(bytes, 2 * EXTENT));
    expect(next.records).toHaveLength(32);
    expect(next.zeroTail).toEqual({ offset: EXTENT, bytes: EXTENT });
  });

  it('treats a record cut inside its header, zeros after, as a torn tail (or as nothing when the bytes that made it are zeros)', () => {
    const { bytes, ends } = records(5, (i) => (i === 4 ? 256 : 20)); // record 5's length starts with a zero byte
    const last = ends[3]!; // record 5 starts here
    let zeroCuts = 0;
    for (let cut = last + 1; cut < last + HEADER_BYTES; cut++) {
      const scan = scanJournal(segment(bytes.subarray(0, cut), EXTENT));
      expect(scan.records.map((r) => r.seq), `cut at ${cut}`).toEqual([1, 2, 3, 4]);
      expect(scan.validBytes).toBe(last);
      const written = bytes.subarray(last, cut);
      if (written.some((b) => b !== 0)) {
        expect(scan.tornTail, `cut at ${cut}`).toEqual({ offset: last, bytes: EXTENT - last, reason: 'checksum mismatch' });
        expect(scan.zeroTail).toBeUndefined();
      } else {
        zeroCuts++;
        expect(scan.tornTail, `cut at ${cut}`).toBeUndefined();
        expect(scan.zeroTail).toEqual({ offset: last, bytes: EXTENT - last });
      }
    }
    expect(zeroCuts).toBe(1);
  });

  it('treats a record cut anywhere in its payload, zeros after, as a torn tail', () => {
    const { bytes, ends } = records(5);
    const last = ends[3]!;
    for (let cut = last + HEADER_BYTES; cut < bytes.length; cut++) {
      const scan = scanJournal(segment(bytes.subarray(0, cut), EXTENT));
      expect(scan.records.map((r) => r.seq), `cut at ${cut}`).toEqual([1, 2, 3, 4]);
      expect(scan.tornTail).toEqual({ offset: last, bytes: EXTENT - last, reason: 'checksum mismatch' });
    }
  });

  it('treats a batch torn in the middle of its second record (the first one whole) as that first record plus a torn tail', () => {
    const { bytes, ends } = records(6);
    const scan = scanJournal(segment(bytes.subarray(0, ends[4]! + 30), EXTENT)); // record 5 whole, record 6 cut
    expect(scan.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(scan.tornTail?.offset).toBe(ends[4]);
  });

  it('treats a damaged last record, zeros after, as a torn tail', () => {
    const { bytes, ends } = records(6);
    for (const at of [ends[4]! + 1, ends[4]! + 5, ends[4]! + 12, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 0x20;
      const scan = scanJournal(segment(copy, EXTENT));
      expect(scan.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(scan.tornTail?.offset).toBe(ends[4]);
    }
  });

  it('refuses a flipped bit in a record that valid records follow, zeros after them, and changes nothing', () => {
    const { bytes, ends } = records(6);
    const copy = Buffer.from(bytes);
    copy[ends[1]! + 20]! ^= 0x01; // inside record 3
    const path = segment(copy, EXTENT);
    const before = readFileSync(path);
    expect(() => scanJournal(path)).toThrow(StoreOpenError);
    expect(() => scanJournal(path)).toThrow(/corrupt at byte .* valid records follow at byte/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses records that follow a run of zeros (records written past a gap are not a tail)', () => {
    const { bytes, ends } = records(4);
    const file = Buffer.alloc(EXTENT);
    bytes.copy(file, 0, 0, ends[1]); // records 1, 2
    bytes.copy(file, ends[1]! + 512, ends[1], ends[3]); // records 3, 4 after 512 zero bytes
    const path = join(tempDir(), 'gap.log');
    writeFileSync(path, file);
    expect(() => scanJournal(path)).toThrow(/corrupt at byte \d+ \(checksum mismatch\) but valid records follow/);
  });

  it('treats nonzero garbage after the records with no valid record after it as a torn tail, zeros or not around it', () => {
    const { bytes, ends } = records(3);
    const file = Buffer.alloc(EXTENT);
    bytes.copy(file);
    file.fill(0xee, ends[2]! + 700, ends[2]! + 760);
    const path = join(tempDir(), 'garbage.log');
    writeFileSync(path, file);
    const scan = scanJournal(path);
    expect(scan.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(scan.tornTail).toMatchObject({ offset: ends[2], bytes: EXTENT - ends[2]! });
  });

  it('still reads a segment of the format before preallocation (records up to the end of the file)', () => {
    const { bytes, ends } = records(7);
    const path = join(tempDir(), 'old.log');
    writeFileSync(path, bytes);
    const scan = scanJournal(path);
    expect(scan.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(scan.validBytes).toBe(ends[6]);
    expect(scan.zeroTail).toBeUndefined();
    expect(scan.tornTail).toBeUndefined();
    writeFileSync(path, bytes.subarray(0, bytes.length - 3));
    expect(scanJournal(path).tornTail).toMatchObject({ offset: ends[5], reason: 'short payload' });
    expect(seqs(path)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
