import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../../electron/store/journal-format';
import { scanJournal } from '../../../../electron/store/journal-reader';
import { StoreOpenError } from '../../../../electron/store/store-errors';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function journalOf(n: number): { path: string; bytes: Buffer; ends: number[] } {
  const recs = Array.from({ length: n }, (_, i) => encodeRecord(i + 1, Buffer.from(`payload-${i + 1}-${'x'.repeat(i * 7)}`)));
  const bytes = Buffer.concat(recs);
  const ends: number[] = [];
  recs.reduce((off, r) => (ends.push(off + r.length), off + r.length), 0);
  const path = join(tempDir(), 'j.log');
  writeFileSync(path, bytes);
  return { path, bytes, ends };
}

describe('scanJournal', () => {
  it('reads every intact record in order', () => {
    const { path } = journalOf(5);
    const scan = scanJournal(path);
    expect(scan.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(scan.records[2]!.payload.toString()).toBe(`payload-3-${'x'.repeat(14)}`);
    expect(scan.tornTail).toBeUndefined();
  });

  it('treats a cut at every byte offset of the last three records as a torn tail', () => {
    const { path, bytes, ends } = journalOf(8);
    const firstCut = ends[4]!; // records 6..8 are the last three
    for (let cut = firstCut; cut < bytes.length; cut++) {
      writeFileSync(path, bytes.subarray(0, cut));
      const scan = scanJournal(path);
      const complete = ends.filter((e) => e <= cut).length;
      expect(scan.records.length, `cut at ${cut}`).toBe(complete);
      expect(scan.validBytes).toBe(ends[complete - 1]);
      if (cut !== ends[complete - 1]) expect(scan.tornTail?.offset).toBe(ends[complete - 1]);
      else expect(scan.tornTail).toBeUndefined();
    }
  });

  it('drops a last record with a flipped bit as a damaged tail', () => {
    const { path, bytes, ends } = journalOf(6);
    for (const at of [ends[4]! + 2, ends[4]! + 9, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 0x10;
      writeFileSync(path, copy);
      const scan = scanJournal(path);
      expect(scan.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(scan.tornTail?.offset).toBe(ends[4]);
    }
  });

  it('refuses a flipped bit in the middle, where valid records follow', () => {
    const { path, bytes, ends } = journalOf(6);
    const copy = Buffer.from(bytes);
    copy[ends[1]! + 20]! ^= 0x01; // inside record 3
    writeFileSync(path, copy);
    expect(() => scanJournal(path)).toThrow(StoreOpenError);
    expect(() => scanJournal(path)).toThrow(/corrupt at byte .* valid records follow/);
    expect(readFileSync(path).equals(copy)).toBe(true); // nothing was truncated
  });

  it('refuses records whose sequence numbers skip', () => {
    const path = join(tempDir(), 'gap.log');
    writeFileSync(path, Buffer.concat([encodeRecord(1, Buffer.from('a')), encodeRecord(3, Buffer.from('b'))]));
    expect(() => scanJournal(path)).toThrow(/record 3 .* follows 1/);
  });
});
