// An encrypted store's series under appends, flushes, syncs and reads interleaved at random with
// writes in flight on the thread pool (and more series than open files, so files are closed and
// opened again between writes): every read, at once or on the thread pool, gives exactly the
// points logged, and a reopened store reads the same.
import { describe, expect, it } from 'vitest';
import { generateDataKey } from '../../../../../electron/store/crypto/keys';
import { storeKeys } from '../../../../../electron/store/crypto/store-keys';
import { SeriesFiles } from '../../../../../electron/store/series-files';
import type { SeriesMeta } from '../../../../../electron/store/series-meta';
import { prng } from '../../../../support/prng';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const value = (id: number, i: number) => id * 1e7 + i;
const expected = (id: number, from: number, to: number) => Array.from({ length: to - from }, (_, k) => [from + k, from + k, value(id, from + k)]).flat();

describe('sealed series files, interleaved', () => {
  it('read exactly what was logged while writes, syncs and reads overlap', async () => {
    const random = prng(99);
    const keys = storeKeys(generateDataKey());
    const dir = tempDir();
    let files = new SeriesFiles(dir, keys, { decryptedBlocks: 64 });
    const metas: SeriesMeta[] = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, runId: 'r', key: `k${i}`, points: 0, minStep: null, maxStep: null, ordered: true, byStep: true, last: null }));
    const laterReads: Promise<void>[] = [];
    for (let round = 0; round < 400; round++) {
      const m = metas[Math.floor(random() * (round < 260 ? 200 : 5))]!; // later rounds: a few long series
      const n = [1, 3, 169, 170, 171, 600, 5000][Math.floor(random() * 7)]!;
      for (let k = 0; k < n; k++) files.append(m, m.points, m.points, value(m.id, m.points));
      const action = random();
      if (action < 0.3) files.flush();
      else if (action < 0.35) await files.sync();
      else if (action < 0.4) await new Promise((r) => setImmediate(r));
      const r = metas[Math.floor(random() * 200)]!;
      if (r.points > 0) {
        const start = Math.floor(random() * r.points);
        const count = 1 + Math.floor(random() * (r.points - start));
        expect(Array.from(files.readRaw(r, start, count))).toEqual(expected(r.id, start, start + count));
        if (count > 4096) {
          const at = r.points;
          laterReads.push(files.readRawLater(r, start, count).then((pts) => expect(Array.from(pts)).toEqual(expected(r.id, start, Math.min(start + count, at)))));
        }
      }
      if (round === 300) {
        await Promise.all(laterReads.splice(0));
        await files.sync();
        files.close();
        files = new SeriesFiles(dir, keys, { decryptedBlocks: 64 });
      }
    }
    await Promise.all(laterReads);
    await files.sync();
    files.close();
    const again = new SeriesFiles(dir, keys);
    for (const m of metas) expect(Array.from(again.readRaw(m, 0, m.points))).toEqual(expected(m.id, 0, m.points));
    again.close();
    keys.dispose();
  }, 120_000);
});
