import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataKey } from '../../../../../electron/store/crypto/keys';
import { storeKeys, type StoreKeys } from '../../../../../electron/store/crypto/store-keys';
import { decodeRecordAt, encodeRecord } from '../../../../../electron/store/journal-format';
import { JOURNAL_DIR, recoverJournal, segmentName, SPARE_SEGMENT } from '../../../../../electron/store/journal-segments';
import { JournalWriter } from '../../../../../electron/store/journal-writer';
import { StoreOpenError } from '../../../../../electron/store/store-errors';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const payload = (seq: number) => Buffer.from(`marker-op-${seq}-${'x'.repeat(seq % 7)}`);

/** Writes records first..first+n-1 through the writer (sealed under `keys`) into a new segment of `dir`, and closes it. */
async function writeSegment(dir: string, keys: StoreKeys | null, first: number, n: number, opts: { switchAt?: number } = {}): Promise<{ spareRenamed: boolean }> {
  mkdirSync(join(dir, JOURNAL_DIR), { recursive: true });
  const writer = new JournalWriter(join(dir, JOURNAL_DIR, segmentName(first)), { keys, extentBytes: 4096, leadBytes: 512 });
  const appended: Promise<void>[] = [];
  let spareRenamed = false;
  for (let seq = first; seq < first + n; seq++) {
    if (seq === opts.switchAt) {
      await Promise.all(appended); // the writer prepares its spare once an extent of records is written
      spareRenamed = existsSync(join(dir, JOURNAL_DIR, SPARE_SEGMENT));
      appended.push(writer.switchTo(join(dir, JOURNAL_DIR, segmentName(seq))));
      spareRenamed &&= !existsSync(join(dir, JOURNAL_DIR, SPARE_SEGMENT));
    }
    appended.push(writer.append(seq, payload(seq)));
  }
  await Promise.all(appended);
  await writer.close();
  return { spareRenamed };
}

function recover(dir: string, keys: StoreKeys | null, snapshotSeq = 0) {
  const logs: string[] = [];
  const { records } = recoverJournal(dir, snapshotSeq, (m) => logs.push(m), keys);
  return { records, logs };
}

const segmentPath = (dir: string, first: number) => join(dir, JOURNAL_DIR, segmentName(first));

describe('sealed journal records (encrypted store)', () => {
  it('round trip: payloads are sealed on disk and come back as written, across segments (a spare renamed into place too)', async () => {
    const dir = tempDir();
    const keys = storeKeys(generateDataKey());
    // Enough records that the writer prepares a spare (one 4 KiB extent), then a cut renames it to segment 200.
    expect((await writeSegment(dir, keys, 1, 300, { switchAt: 200 })).spareRenamed).toBe(true);
    expect(readdirSync(join(dir, JOURNAL_DIR)).sort()).toEqual([segmentName(1), segmentName(200)]);
    const onDisk = Buffer.concat([readFileSync(segmentPath(dir, 1)), readFileSync(segmentPath(dir, 200))]);
    expect(onDisk.includes(Buffer.from('marker-op'))).toBe(false);
    const { records } = recover(dir, keys);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    for (const r of records) expect(r.payload.equals(payload(r.seq))).toBe(true);
    keys.dispose();
  });

  it('a plain writer writes payloads as they are (plain stores are unchanged)', async () => {
    const dir = tempDir();
    await writeSegment(dir, null, 1, 3);
    expect(readFileSync(segmentPath(dir, 1)).includes(Buffer.from('marker-op-2'))).toBe(true);
    expect(recover(dir, null).records.map((r) => r.payload.toString())).toEqual([1, 2, 3].map((s) => payload(s).toString()));
  });

  it('a record whose crc passes but whose seal does not open is damage: refused, naming the segment and the seq', async () => {
    const dir = tempDir();
    const keys = storeKeys(generateDataKey());
    await writeSegment(dir, keys, 1, 5);
    const path = segmentPath(dir, 1);
    const buf = readFileSync(path);
    // Flip one ciphertext bit of record 3 and fix its crc, as a tamperer who knows the format would.
    let off = 0;
    for (let seq = 1; seq < 3; seq++) off = (decodeRecordAt(buf, off) as { next: number }).next;
    const rec = decodeRecordAt(buf, off) as { payload: Buffer; next: number };
    const tampered = Buffer.from(rec.payload);
    tampered[14]! ^= 0x01;
    writeFileSync(path, Buffer.concat([buf.subarray(0, off), encodeRecord(3, tampered), buf.subarray(rec.next)]));
    expect(() => recover(dir, keys)).toThrow(StoreOpenError);
    expect(() => recover(dir, keys)).toThrow(/journal segment .*0000000000000001\.log is damaged: record 3 does not open/);
    keys.dispose();
  });

  it('records sealed under another store key, or moved to another seq, are damage too', async () => {
    const dir = tempDir();
    const keys = storeKeys(generateDataKey());
    const other = storeKeys(generateDataKey());
    await writeSegment(dir, keys, 1, 2);
    expect(() => recover(dir, other)).toThrow(/record 1 does not open/);
    // Record 2's sealed payload placed at seq 2 of a segment of another name (its key differs): damage.
    const buf = readFileSync(segmentPath(dir, 1));
    writeFileSync(segmentPath(dir, 1), Buffer.alloc(0));
    writeFileSync(segmentPath(dir, 2), buf.subarray((decodeRecordAt(buf, 0) as { next: number }).next));
    expect(() => recover(dir, keys, 1)).toThrow(/0000000000000002\.log is damaged: record 2 does not open/);
    keys.dispose();
    other.dispose();
  });

  it('a torn tail stays a torn tail: truncated and logged, every earlier record opens', async () => {
    const dir = tempDir();
    const keys = storeKeys(generateDataKey());
    await writeSegment(dir, keys, 1, 6);
    const path = segmentPath(dir, 1);
    truncateSync(path, statSync(path).size - 5);
    const { records, logs } = recover(dir, keys);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records.every((r) => r.payload.equals(payload(r.seq)))).toBe(true);
    expect(logs.join('\n')).toMatch(/dropped a torn tail/);
    keys.dispose();
  });

  it('records already in the snapshot are skipped, not opened', async () => {
    const dir = tempDir();
    const keys = storeKeys(generateDataKey());
    await writeSegment(dir, keys, 1, 4);
    expect(recover(dir, keys, 3).records.map((r) => r.seq)).toEqual([4]);
    keys.dispose();
  });
});
