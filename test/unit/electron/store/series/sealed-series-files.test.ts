// Series files of an encrypted store: every read gives what a plain store gives for the same
// points (appends of every size, across block boundaries, flushes, syncs and reopening, out of
// order, inline then moved to the file); nothing plain on disk; a changed, moved or older block
// is damage, never numbers; a re-seal of the last block torn after a sync loses no synced point.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDataKey } from '../../../../../electron/store/crypto/keys';
import { type StoreKeys, storeKeys } from '../../../../../electron/store/crypto/store-keys';
import { newInlinePoints } from '../../../../../electron/store/series/inline-points';
import { writeAllAt, type WriteAt } from '../../../../../electron/store/series/positional-write';
import { SeriesDamageError } from '../../../../../electron/store/series/series-damage-error';
import { blockPosition, SLOT_BYTES } from '../../../../../electron/store/series/sealed-series-layout';
import { SeriesFiles } from '../../../../../electron/store/series-files';
import type { SeriesMeta } from '../../../../../electron/store/series-meta';
import { prng } from '../../../../support/prng';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const opened: StoreKeys[] = [];
afterEach(() => opened.splice(0).forEach((k) => k.dispose()));
const newKeys = () => {
  const k = storeKeys(generateDataKey());
  opened.push(k);
  return k;
};
const newMeta = (id = 1, inline = false): SeriesMeta => ({
  id, runId: 'run-1', key: 'loss', points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null, ...(inline ? { inline: newInlinePoints() } : {}),
});
/** The store's view after a crash: the count the checkpoint recorded, nothing buffered. */
const atCount = (m: SeriesMeta, points: number): SeriesMeta => ({ ...m, points, last: m.last && { ...m.last } });
const pathOf = (dir: string, id: number) => join(dir, String(id % 1000).padStart(3, '0'), `${id}.f64`);
const point = (i: number): [number, number, number] => [1_700_000_000_000 + i, i, Math.sin(i) * 1000 + 0.123456789];
const expected = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => point(from + k)).flat();
const append = (files: SeriesFiles, m: SeriesMeta, from: number, to: number) => {
  for (let i = from; i < to; i++) files.append(m, ...point(i));
};
const flipBit = (path: string, at: number) => {
  const bytes = readFileSync(path);
  bytes[at]! ^= 0x10;
  writeFileSync(path, bytes);
};
const damage = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return null;
};

describe('SeriesFiles of an encrypted store', () => {
  it('reads what a plain store reads, for appends of every size across block boundaries, flushes, syncs and reopening', async () => {
    const random = prng(7);
    const keys = newKeys();
    const [sealedDir, plainDir] = [tempDir(), tempDir()];
    let sealed = new SeriesFiles(sealedDir, keys);
    const plain = new SeriesFiles(plainDir);
    const [ms, mp] = [newMeta(), newMeta()];
    const sizes = [1, 1, 7, 161, 170, 169, 1, 340, 171, 2, 1000, 3, 4097, 168, 5000];
    let n = 0;
    for (const [round, size] of sizes.entries()) {
      append(sealed, ms, n, n + size);
      append(plain, mp, n, n + size);
      n += size;
      if (round % 3 === 0) sealed.flush();
      if (round % 4 === 1) await sealed.sync();
      if (round % 5 === 2) {
        await sealed.sync();
        sealed.close();
        sealed = new SeriesFiles(sealedDir, keys); // a new process: no tail, no cache
      }
      for (const [s, c] of [[0, n], [n - size, size], [Math.floor(random() * n), 1 + Math.floor(random() * 400)], [Math.max(0, n - 171), 171]] as const) {
        expect(Array.from(sealed.readRaw(ms, s, c))).toEqual(Array.from(plain.readRaw(mp, s, c)));
      }
    }
    await sealed.sync();
    expect(Array.from(await sealed.readRawLater(ms, 3, n))).toEqual(expected(3, n));
    sealed.close();
    const again = new SeriesFiles(sealedDir, keys);
    expect(Array.from(again.readRaw(ms, 0, n))).toEqual(expected(0, n));
    expect(Array.from(await again.readRawLater(ms, 100, 9000))).toEqual(expected(100, 9100));
    expect(again.contains(ms, ...point(4321))).toBe(true);
    expect(again.contains(ms, point(4321)[0], 4321, 0)).toBe(false);
    again.close();
    plain.close();
    // the file holds slots: the tail copy, then one per block of 170 points
    expect(statSync(pathOf(sealedDir, 1)).size).toBe((1 + Math.ceil(n / 170)) * SLOT_BYTES);
  });

  it('writes no point in clear', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir, newKeys());
    const m = newMeta(3);
    for (let i = 0; i < 1000; i++) files.append(m, 1_234_567 + i, i, 2.718281828459045);
    await files.sync();
    files.close();
    const bytes = readFileSync(pathOf(dir, 3));
    expect(bytes.includes(Buffer.from(new Float64Array([2.718281828459045]).buffer))).toBe(false);
    expect(bytes.includes(Buffer.from(new Float64Array([1_234_567 + 500]).buffer))).toBe(false);
  });

  it('sorts out-of-order histories as a plain store does, on the thread pool too', async () => {
    const random = prng(3);
    const keys = newKeys();
    const sealed = new SeriesFiles(tempDir(), keys);
    const plain = new SeriesFiles(tempDir());
    const [ms, mp] = [newMeta(5), newMeta(5)];
    for (let i = 0; i < 9000; i++) {
      const p: [number, number, number] = [1000 + Math.floor(random() * 50), Math.floor(random() * 3000), Math.round(random() * 100)];
      sealed.append(ms, ...p);
      plain.append(mp, ...p);
      if (i === 4000) await sealed.sync();
    }
    expect(ms.ordered).toBe(false);
    await sealed.prepareSorted(ms, 'history', () => new Promise((r) => setImmediate(r)));
    await sealed.prepareSorted(ms, 'step', () => new Promise((r) => setImmediate(r)));
    expect(sealed.historyLength(ms)).toBe(plain.historyLength(mp));
    expect(Array.from(sealed.readOrdered(ms, 0, 20000))).toEqual(Array.from(plain.readOrdered(mp, 0, 20000)));
    expect(Array.from(sealed.readAll(ms, 'step'))).toEqual(Array.from(plain.readAll(mp, 'step')));
    sealed.close();
    plain.close();
  });

  it('moves an inline series to its file, sealed, and reads it back after reopening', async () => {
    const dir = tempDir();
    const keys = newKeys();
    const files = new SeriesFiles(dir, keys);
    const m = newMeta(9, true);
    append(files, m, 0, 8);
    expect(m.inline).toBeDefined();
    append(files, m, 8, 200);
    expect(m.inline).toBeUndefined();
    expect(Array.from(files.readRaw(m, 0, 200))).toEqual(expected(0, 200));
    await files.sync();
    files.close();
    const again = new SeriesFiles(dir, keys);
    expect(Array.from(again.readRaw(m, 0, 200))).toEqual(expected(0, 200));
    again.close();
  });

  it('answers reads from the buffers while writes are held, and serialises the writes of one series', async () => {
    const dir = tempDir();
    const keys = newKeys();
    const held: Array<() => void> = [];
    let active = 0;
    let mostActive = 0;
    const writeAt: WriteAt = (fd, buf, position) =>
      new Promise((resolve, reject) => {
        active++;
        mostActive = Math.max(mostActive, active);
        held.push(() => writeAllAt(fd, buf, position).then(() => (active--, resolve()), reject));
      });
    const files = new SeriesFiles(dir, keys, { writeAt });
    const m = newMeta(11);
    for (let round = 0; round < 4; round++) {
      append(files, m, round * 100, round * 100 + 100);
      files.flush();
      await new Promise((r) => setImmediate(r));
      expect(Array.from(files.readRaw(m, 0, m.points))).toEqual(expected(0, m.points));
    }
    let done = false;
    const allWritten = files.written().then(() => (done = true));
    while (!done) {
      held.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    await allWritten;
    expect(mostActive).toBe(1); // one write of the series at a time
    expect(Array.from(files.readRaw(m, 0, 400))).toEqual(expected(0, 400));
    files.close();
  });

  it('reports a flipped bit, swapped blocks, a block of another series and an older block put back as damage naming the series', async () => {
    const dir = tempDir();
    const keys = newKeys();
    const files = new SeriesFiles(dir, keys);
    const [a, b] = [newMeta(21), newMeta(22)];
    append(files, a, 0, 600);
    append(files, b, 0, 600);
    await files.sync();
    files.close();
    const path = pathOf(dir, 21);
    const original = readFileSync(path);
    const read = (m: SeriesMeta, count = m.points) => {
      const f = new SeriesFiles(dir, keys);
      try {
        return f.readRaw(m, 0, count);
      } finally {
        f.close();
      }
    };
    expect(Array.from(read(a))).toEqual(expected(0, 600));

    flipBit(path, blockPosition(1) + 100);
    const flipped = damage(() => read(a));
    expect(flipped).toBeInstanceOf(SeriesDamageError);
    expect((flipped as Error).message).toMatch(/21\.f64 \(metric 'loss' of run run-1\) is damaged: sealed block 1/);
    expect(Array.from(read(a, 170))).toEqual(expected(0, 170)); // the blocks around it still read

    const swapped = Buffer.from(original);
    original.copy(swapped, blockPosition(0), blockPosition(1), blockPosition(2));
    original.copy(swapped, blockPosition(1), blockPosition(0), blockPosition(1));
    writeFileSync(path, swapped);
    expect(damage(() => read(a))).toBeInstanceOf(SeriesDamageError);

    const foreign = Buffer.from(original);
    readFileSync(pathOf(dir, 22)).copy(foreign, blockPosition(2), blockPosition(2), blockPosition(3));
    writeFileSync(path, foreign);
    expect(damage(() => read(a))).toBeInstanceOf(SeriesDamageError);

    // an older version of the last block (fewer points), put back after more were appended
    writeFileSync(path, original);
    const more = new SeriesFiles(dir, keys);
    append(more, a, 600, 650);
    await more.sync();
    more.close();
    const older = readFileSync(path);
    original.copy(older, blockPosition(3), blockPosition(3), blockPosition(4));
    original.copy(older, 0, 0, SLOT_BYTES); // and its tail copy
    writeFileSync(path, older);
    expect(damage(() => read(a))).toBeInstanceOf(SeriesDamageError);
  });

  it('loses no synced point when the re-seal of the last block is torn after a sync', async () => {
    const dir = tempDir();
    const keys = newKeys();
    const files = new SeriesFiles(dir, keys);
    const m = newMeta(31);
    append(files, m, 0, 200); // block 1 holds 30 points
    await files.sync(); // the checkpoint: 200 points durable
    const checkpointed = atCount(m, 200);
    append(files, m, 200, 260);
    files.flush();
    await files.written(); // block 1 sealed again with 90 points (after its tail copy)
    files.close();
    const path = pathOf(dir, 31);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, SLOT_BYTES).some((x) => x !== 0)).toBe(true); // the tail copy was written
    // power fails in the middle of the re-seal: the block's second page never reaches the disk
    bytes.fill(0xa5, blockPosition(1) + 2048, blockPosition(2));
    writeFileSync(path, bytes);

    const reopened = new SeriesFiles(dir, keys);
    expect(Array.from(reopened.readRaw(checkpointed, 0, 200))).toEqual(expected(0, 200));
    append(reopened, checkpointed, 200, 260); // the journal replay
    await reopened.sync();
    append(reopened, checkpointed, 260, 300);
    await reopened.sync();
    reopened.close();
    const after = new SeriesFiles(dir, keys);
    expect(Array.from(after.readRaw(atCount(checkpointed, 300), 0, 300))).toEqual(expected(0, 300));
    after.close();
  });

  it('loses no synced point when the block is torn by the first write after reopening (replay), nor when that torn write is replayed again', async () => {
    const dir = tempDir();
    const keys = newKeys();
    const m = newMeta(32);
    const first = new SeriesFiles(dir, keys);
    append(first, m, 0, 100);
    await first.sync();
    first.close();
    // a new process replays 100 → 150; its re-seal of block 0 is torn
    const second = new SeriesFiles(dir, keys);
    const replayed = atCount(m, 100);
    append(second, replayed, 100, 150);
    await second.written();
    second.flush();
    await second.written();
    second.close();
    const path = pathOf(dir, 32);
    const bytes = readFileSync(path);
    bytes.fill(0, blockPosition(0) + 1000, blockPosition(1));
    writeFileSync(path, bytes);
    // the next process reads the 100 points from the tail copy, and replays over the torn block without overwriting the copy
    const third = new SeriesFiles(dir, keys);
    const again = atCount(m, 100);
    expect(Array.from(third.readRaw(again, 0, 100))).toEqual(expected(0, 100));
    append(third, again, 100, 120);
    third.flush();
    await third.written();
    third.close();
    const torn = readFileSync(path);
    torn.fill(0x5a, blockPosition(0) + 10, blockPosition(0) + 3000);
    writeFileSync(path, torn);
    const fourth = new SeriesFiles(dir, keys);
    expect(Array.from(fourth.readRaw(atCount(m, 100), 0, 100))).toEqual(expected(0, 100));
    fourth.close();
  });

  it('writes a tail copy only once a sync counted points of the block: not for a series new since the last sync', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir, newKeys());
    const m = newMeta(34);
    const copySlot = () => readFileSync(pathOf(dir, 34)).subarray(0, SLOT_BYTES);
    append(files, m, 0, 100);
    files.flush();
    append(files, m, 100, 120); // re-seals block 0: nothing in it is counted yet
    files.flush();
    await files.written();
    expect(copySlot().every((x) => x === 0)).toBe(true);
    await files.sync();
    append(files, m, 120, 130);
    files.flush();
    await files.written();
    expect(copySlot().some((x) => x !== 0)).toBe(true);
    files.close();
  });

  it('reports a torn last block with no tail copy to fall back on as damage (the copy is what keeps the points)', async () => {
    const dir = tempDir();
    const keys = newKeys();
    const files = new SeriesFiles(dir, keys);
    const m = newMeta(33);
    append(files, m, 0, 200);
    await files.sync();
    append(files, m, 200, 260);
    await files.sync();
    files.close();
    const path = pathOf(dir, 33);
    const bytes = readFileSync(path);
    bytes.fill(0xa5, blockPosition(1) + 2048, blockPosition(2));
    bytes.fill(0, 0, SLOT_BYTES);
    writeFileSync(path, bytes);
    const reopened = new SeriesFiles(dir, keys);
    expect(damage(() => reopened.readRaw(atCount(m, 200), 0, 200))).toBeInstanceOf(SeriesDamageError);
    expect(Array.from(reopened.readRaw(atCount(m, 200), 0, 170))).toEqual(expected(0, 170));
    reopened.close();
  });

  it('leaves plain stores as they were: float64 triples at point × 24, no slots', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir);
    const m = newMeta(41);
    append(files, m, 0, 500);
    await files.sync();
    files.close();
    const bytes = readFileSync(pathOf(dir, 41));
    expect(bytes.length).toBe(500 * 24);
    expect(Array.from(new Float64Array(bytes.buffer, bytes.byteOffset, 1500))).toEqual(expected(0, 500));
  });
});
