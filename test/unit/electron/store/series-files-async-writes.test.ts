import { fstatSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeriesFiles, type WriteAt, writeAllAt } from '../../../../electron/store/series-files';
import type { SeriesMeta } from '../../../../electron/store/series-meta';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const newMeta = (id: number): SeriesMeta => ({ id, runId: 'r', key: 'k', points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null });
/** Points of series `id` carry `id` as their value, so a write says whose points it holds. */
const logPoints = (files: SeriesFiles, meta: SeriesMeta, from: number, to: number) => {
  for (let i = from; i < to; i++) files.append(meta, 1000 + i, i, meta.id);
};
const expected = (id: number, from: number, to: number) => Array.from({ length: to - from }, (_, k) => [1000 + from + k, from + k, id]).flat();
const seriesOf = (buf: Buffer) => new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + 24))[2]!;

/** Writes of the series in `held` wait until released (or fail with `error`); the others are written at once. */
function gatedWriter(held: Set<number>) {
  const waiting: Array<{ id: number; go: (error?: Error) => void }> = [];
  const startedOn: number[] = [];
  const events: string[] = [];
  let passedThrough = 0;
  const writeAt: WriteAt = (fd, buf, position) => {
    const id = seriesOf(buf);
    if (!held.has(id)) return writeAllAt(fd, buf, position).then(() => void passedThrough++);
    startedOn.push(id);
    return new Promise((resolve, reject) => {
      waiting.push({
        id,
        go: (error) => {
          if (error) return reject(error);
          fstatSync(fd); // still open: throws EBADF if it was closed under the write
          writeAllAt(fd, buf, position).then(() => {
            events.push(`written ${id}`);
            resolve();
          }, reject);
        },
      });
    });
  };
  const release = (id: number, error?: Error) => {
    held.delete(id); // its later writes go at once
    for (const w of waiting.filter((x) => x.id === id)) w.go(error);
  };
  /** Resolves once `n` writes not held are done. */
  const passed = async (n: number) => {
    while (passedThrough < n) await new Promise((r) => setImmediate(r));
  };
  /** Resolves once `n` held writes have started (their file opened on the thread pool). */
  const started = async (n: number) => {
    while (startedOn.length < n) await new Promise((r) => setImmediate(r));
  };
  return { writeAt, release, startedOn, events, passed, started };
}

describe('SeriesFiles async writes', () => {
  it('answers reads of points in flight or still buffered from the buffers, never from a hole in the file', async () => {
    const dir = tempDir();
    const gate = gatedWriter(new Set());
    const files = new SeriesFiles(dir, null, { writeAt: gate.writeAt });
    const meta = newMeta(7);
    logPoints(files, meta, 0, 5000);
    await files.sync(); // [0, 5000) on disk
    gate.startedOn.length = 0;
    const held = gatedWriter(new Set([7]));
    const files2 = new SeriesFiles(dir, null, { writeAt: held.writeAt });
    const meta2 = { ...meta };
    logPoints(files2, meta2, 5000, 10_000);
    files2.flush(); // [5000, 10000) in flight
    await held.started(1);
    expect(held.startedOn).toEqual([7]);
    logPoints(files2, meta2, 10_000, 10_010); // buffered
    const fresh = new SeriesFiles(dir);
    expect(() => fresh.readRaw(meta2, 0, 10_010)).toThrow(/shorter than/); // the file does not hold them yet
    expect(Array.from(files2.readRaw(meta2, 4990, 30))).toEqual(expected(7, 4990, 5020));
    expect(Array.from(files2.readRaw(meta2, 9995, 100))).toEqual(expected(7, 9995, 10_010));
    expect(Array.from(await files2.readRawLater(meta2, 0, 10_010))).toEqual(expected(7, 0, 10_010)); // past the size read at once
    expect(Array.from(files2.readOrdered(meta2, 6000, 3))).toEqual(expected(7, 6000, 6003));
    expect(files2.contains(meta2, 1000 + 7000, 7000, 7)).toBe(true);
    expect(files2.contains(meta2, 1000 + 7000, 7000, 8)).toBe(false);
    held.release(7);
    await files2.sync();
    expect(Array.from(fresh.readRaw(meta2, 0, 10_010))).toEqual(expected(7, 0, 10_010));
    files.close();
    files2.close();
    fresh.close();
  });

  it('sync waits for the writes in flight before it resolves', async () => {
    const dir = tempDir();
    const gate = gatedWriter(new Set([3]));
    const files = new SeriesFiles(dir, null, { writeAt: gate.writeAt });
    const meta = newMeta(3);
    logPoints(files, meta, 0, 100);
    files.flush();
    await gate.started(1);
    expect(gate.startedOn).toEqual([3]);
    const sync = files.sync().then(() => void gate.events.push('synced'));
    await new Promise((r) => setTimeout(r, 300)); // time for a sync that does not wait to finish
    gate.release(3);
    await sync;
    expect(gate.events).toEqual(['written 3', 'synced']);
    const fresh = new SeriesFiles(dir);
    expect(Array.from(fresh.readRaw(meta, 0, 100))).toEqual(expected(3, 0, 100));
    files.close();
    fresh.close();
  });

  it('never closes a file (LRU eviction) while a write on it is in flight', async () => {
    const dir = tempDir();
    const gate = gatedWriter(new Set([1]));
    const files = new SeriesFiles(dir, null, { writeAt: gate.writeAt });
    const metas = Array.from({ length: 300 }, (_, i) => newMeta(i + 1)); // more than the files kept open
    for (const m of metas) logPoints(files, m, 0, 4);
    files.flush();
    await gate.started(1);
    expect(gate.startedOn).toEqual([1]);
    await gate.passed(metas.length - 1); // every other file opened (and all but the last 128 closed) meanwhile
    for (const m of metas.slice(1)) expect(Array.from(files.readRaw(m, 0, 4))).toEqual(expected(m.id, 0, 4)); // and opened again to be read
    for (const m of metas.slice(1)) logPoints(files, m, 4, 6);
    files.flush();
    gate.release(1); // fstat of its fd would throw if it had been closed (or its number reused by another file)
    await files.sync();
    const fresh = new SeriesFiles(dir);
    expect(Array.from(fresh.readRaw(metas[0]!, 0, 4))).toEqual(expected(1, 0, 4));
    for (const m of metas.slice(1)) expect(Array.from(fresh.readRaw(m, 0, 6))).toEqual(expected(m.id, 0, 6));
    files.close();
    fresh.close();
  });

  it('a file is closed once its write in flight is done when the files are closed meanwhile', async () => {
    const dir = tempDir();
    const gate = gatedWriter(new Set([9]));
    const files = new SeriesFiles(dir, null, { writeAt: gate.writeAt });
    const meta = newMeta(9);
    logPoints(files, meta, 0, 10);
    files.flush();
    await gate.started(1);
    logPoints(files, meta, 10, 12); // buffered: written at close
    files.close();
    gate.release(9);
    await files.written();
    const fresh = new SeriesFiles(dir);
    expect(Array.from(fresh.readRaw(meta, 0, 12))).toEqual(expected(9, 0, 12));
    fresh.close();
  });

  it('closing while writes are opening their files leaves every point in the files and no file open', async () => {
    const dir = tempDir();
    const files = new SeriesFiles(dir);
    const metas = Array.from({ length: 20 }, (_, i) => newMeta(i + 1));
    for (const m of metas) logPoints(files, m, 0, 50);
    files.flush(); // the first writes are opening their files on the thread pool
    for (const m of metas) logPoints(files, m, 50, 60);
    files.close(); // writes the rest at once
    await files.written();
    const fresh = new SeriesFiles(dir);
    for (const m of metas) expect(Array.from(fresh.readRaw(m, 0, 60))).toEqual(expected(m.id, 0, 60));
    fresh.close();
  });

  it('an error of an async write fails the next sync and every later append and sync; its points stay readable', async () => {
    const dir = tempDir();
    const gate = gatedWriter(new Set([2]));
    const files = new SeriesFiles(dir, null, { writeAt: gate.writeAt });
    const a = newMeta(1);
    const b = newMeta(2);
    logPoints(files, a, 0, 10);
    logPoints(files, b, 0, 10);
    files.flush();
    await gate.started(1);
    gate.release(2, new Error('EIO: i/o error, write'));
    await files.written();
    await expect(files.sync()).rejects.toThrow(/series file .*2\.f64 could not be written \(EIO/);
    expect(() => files.append(a, 2000, 10, 1)).toThrow(/could not be written/);
    expect(a.points).toBe(10); // the refused point is not counted
    await expect(files.sync()).rejects.toThrow(/could not be written/);
    expect(Array.from(files.readRaw(b, 0, 10))).toEqual(expected(2, 0, 10));
    expect(Array.from(files.readRaw(a, 0, 10))).toEqual(expected(1, 0, 10));
    files.close();
  });
});
