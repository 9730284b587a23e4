import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../../../electron/store/journal-format';
import { JOURNAL_DIR, recoverJournal, removeOldSegments, segmentName, SPARE_SEGMENT } from '../../../../../electron/store/journal-segments';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

const recordsFrom = (first: number, n: number) => Buffer.concat(Array.from({ length: n }, (_, i) => encodeRecord(first + i, Buffer.from(`op ${first + i}`))));
const withZeros = (content: Buffer, length: number) => Buffer.concat([content, Buffer.alloc(length - content.length)]);

function store(files: Record<string, Buffer>): { dir: string; jdir: string } {
  const dir = tempDir();
  const jdir = join(dir, JOURNAL_DIR);
  mkdirSync(jdir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(jdir, name), bytes);
  return { dir, jdir };
}

function recover(dir: string, snapshotSeq = 0) {
  const logs: string[] = [];
  const { records } = recoverJournal(dir, snapshotSeq, (m) => logs.push(m));
  return { seqs: records.map((r) => r.seq), logs };
}

describe('recoverJournal with preallocated segments', () => {
  it('keeps every record before a zero tail, trims the zeros, and logs nothing (no write was lost)', () => {
    const a = recordsFrom(1, 5);
    const b = recordsFrom(6, 3);
    const { dir, jdir } = store({ [segmentName(1)]: withZeros(a, 8192), [segmentName(6)]: withZeros(b, 8192) });
    expect(recover(dir)).toEqual({ seqs: [1, 2, 3, 4, 5, 6, 7, 8], logs: [] });
    expect(statSync(join(jdir, segmentName(1))).size).toBe(a.length);
    expect(statSync(join(jdir, segmentName(6))).size).toBe(b.length);
  });

  it('removes a segment that is all zeros (a crash between preallocation and its first append), and a leftover spare', () => {
    const { dir, jdir } = store({ [segmentName(1)]: recordsFrom(1, 4), [segmentName(5)]: Buffer.alloc(8192), [SPARE_SEGMENT]: Buffer.alloc(8192) });
    expect(recover(dir).seqs).toEqual([1, 2, 3, 4]);
    expect(readdirSync(jdir)).toEqual([segmentName(1)]);
  });

  it('drops a torn tail of the segment written last even when empty segments follow it (a checkpoint cut while its write was in flight)', () => {
    const a = recordsFrom(1, 5);
    const torn = withZeros(a.subarray(0, a.length - 4), 8192);
    const { dir, jdir } = store({ [segmentName(1)]: torn, [segmentName(5)]: Buffer.alloc(8192), [segmentName(6)]: Buffer.alloc(0) });
    const { seqs, logs } = recover(dir);
    expect(seqs).toEqual([1, 2, 3, 4]);
    expect(logs.join('\n')).toMatch(/dropped a torn tail of \d+ bytes at byte \d+ of 0000000000000001\.log \(checksum mismatch\)/);
    expect(readdirSync(jdir)).toEqual([segmentName(1)]);
    expect(readFileSync(join(jdir, segmentName(1))).equals(a.subarray(0, recordsFrom(1, 4).length))).toBe(true);
  });

  it('refuses a torn tail in a segment that a segment with records follows', () => {
    const a = recordsFrom(1, 5);
    const { dir } = store({ [segmentName(1)]: withZeros(a.subarray(0, a.length - 4), 8192), [segmentName(5)]: withZeros(recordsFrom(5, 2), 8192) });
    expect(() => recover(dir)).toThrow(/is damaged at byte \d+ \(checksum mismatch\) and is not the last one/);
  });

  it('opens segments of the format before preallocation as they are', () => {
    const a = recordsFrom(1, 3);
    const b = recordsFrom(4, 3);
    const { dir, jdir } = store({ [segmentName(1)]: a, [segmentName(4)]: b });
    expect(recover(dir, 2).seqs).toEqual([3, 4, 5, 6]);
    expect(readFileSync(join(jdir, segmentName(1))).equals(a)).toBe(true);
    expect(readFileSync(join(jdir, segmentName(4))).equals(b)).toBe(true);
  });

  it('removeOldSegments leaves the spare the writer may be preparing', () => {
    const { dir, jdir } = store({ [segmentName(1)]: recordsFrom(1, 2), [segmentName(3)]: Buffer.alloc(0), [SPARE_SEGMENT]: Buffer.alloc(4096) });
    removeOldSegments(dir, join(jdir, segmentName(3)));
    expect(readdirSync(jdir).sort()).toEqual([segmentName(3), SPARE_SEGMENT].sort());
    expect(existsSync(join(jdir, segmentName(1)))).toBe(false);
  });
});
