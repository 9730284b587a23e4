// get-history's body and the chart's step sampling read the same from an encrypted store's
// series files as from a plain store's, for a long history logged in order and one logged out
// of step order; a damaged block fails the read with the series named, never with numbers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyBody } from '../../../../../electron/services/history/history-body';
import { HistoryChunkCache } from '../../../../../electron/services/history/history-chunk-cache';
import { sampleSteps } from '../../../../../electron/services/history/sample-steps';
import { generateDataKey } from '../../../../../electron/store/crypto/keys';
import { storeKeys } from '../../../../../electron/store/crypto/store-keys';
import { blockPosition } from '../../../../../electron/store/series/sealed-series-layout';
import { runNow } from '../../../../../electron/store/series/sort-steps';
import { SeriesDamageError } from '../../../../../electron/store/series/series-damage-error';
import { SeriesFiles } from '../../../../../electron/store/series-files';
import type { SeriesMeta } from '../../../../../electron/store/series-meta';
import { prng } from '../../../../support/prng';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const newMeta = (id: number): SeriesMeta => ({ id, runId: 'run-9', key: 'acc', points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null });
const body = (files: SeriesFiles, m: SeriesMeta, start: number, end: number) =>
  [...historyBody(files, m, { start, end, total: files.historyLength(m) }, new HistoryChunkCache().useFor(files))].map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString())).join('');

describe('history reads of an encrypted store', () => {
  it('give the same get-history bodies and step samples as a plain store', async () => {
    const keys = storeKeys(generateDataKey());
    const sealedDir = tempDir();
    const sealed = new SeriesFiles(sealedDir, keys);
    const plain = new SeriesFiles(tempDir());
    const random = prng(5);
    const [inOrder, plainInOrder] = [newMeta(1), newMeta(1)];
    for (let i = 0; i < 120_000; i++) {
      const v = Math.round(random() * 1e6) / 1e3;
      sealed.append(inOrder, 1.7e12 + i, i, v);
      plain.append(plainInOrder, 1.7e12 + i, i, v);
    }
    const shuffledMetas = [newMeta(2), newMeta(2)];
    for (let i = 0; i < 20_000; i++) {
      const p: [number, number, number] = [1.7e12 + Math.floor(random() * 100), Math.floor(random() * 5000), i];
      sealed.append(shuffledMetas[0]!, ...p);
      plain.append(shuffledMetas[1]!, ...p);
    }
    await sealed.sync();
    const reader = new SeriesFiles(sealedDir, keys); // nothing cached: every block opened from the file
    for (const [s, e] of [[0, 120_000], [50_001, 75_000], [119_990, 120_000]] as const) expect(body(reader, inOrder, s, e)).toBe(body(plain, plainInOrder, s, e));
    expect(Array.from(runNow(sampleSteps(reader, inOrder, 0, 1e9, 320)))).toEqual(Array.from(runNow(sampleSteps(plain, plainInOrder, 0, 1e9, 320))));
    expect(Array.from(runNow(sampleSteps(reader, inOrder, 1000, 2000, 50)))).toEqual(Array.from(runNow(sampleSteps(plain, plainInOrder, 1000, 2000, 50))));
    const [ms, mp] = shuffledMetas as [SeriesMeta, SeriesMeta];
    await reader.prepareSorted(ms, 'step', () => new Promise((r) => setImmediate(r)));
    expect(Array.from(runNow(sampleSteps(reader, ms, 0, 1e9, 320)))).toEqual(Array.from(runNow(sampleSteps(plain, mp, 0, 1e9, 320))));
    expect(body(reader, ms, 0, 20_000)).toBe(body(plain, mp, 0, 20_000));
    reader.close();
    sealed.close();

    const path = join(sealedDir, '001', '1.f64');
    const bytes = readFileSync(path);
    bytes[blockPosition(300) + 77]! ^= 1;
    writeFileSync(path, bytes);
    const damaged = new SeriesFiles(sealedDir, keys);
    expect(() => body(damaged, inOrder, 0, 120_000)).toThrow(SeriesDamageError);
    expect(() => body(damaged, inOrder, 0, 120_000)).toThrow(/metric 'acc' of run run-9/);
    await expect(damaged.readRawLater(inOrder, 0, 120_000)).rejects.toThrow(SeriesDamageError); // opened between event-loop turns
    expect(Array.from(await damaged.readRawLater(inOrder, 0, 50_000))).toEqual(Array.from(plain.readRaw(plainInOrder, 0, 50_000))); // before the damaged block
    damaged.close();
    plain.close();
    keys.dispose();
  }, 60_000);
});
