// Metric histories of an encrypted store (Store.open with a key) across checkpoints and crashes:
// the journal replay rewrites what the checkpoint did not count, a re-seal of the last block torn
// by a power failure after the checkpoint loses no checkpointed point (its tail copy), the files
// hold no value in clear, and a flipped bit is refused as damage naming the series.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMetrics } from '../../../../../electron/server/parse-metrics';
import { logToRun } from '../../../../../electron/services/logging-service';
import { type KekSource, writeNewKeyFile } from '../../../../../electron/store/crypto/keys';
import { blockPosition } from '../../../../../electron/store/series/sealed-series-layout';
import { SeriesDamageError } from '../../../../../electron/store/series/series-damage-error';
import { crash, openTestStore, type TestStore } from '../../../../support/open-test-store';
import { prng } from '../../../../support/prng';
import { seededRunId, seedRuns } from '../../../../support/seed-runs';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const VALUE = 0.3141592653589793;
const value = (i: number) => VALUE + i;
const newKey = (): KekSource => {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return { kind: 'key-file', path };
};
const log = async (t: TestStore, runId: string, from: number, to: number) => {
  for (let at = from; at < to; at += 100) {
    const list = Array.from({ length: Math.min(100, to - at) }, (_, k) => ({ key: 'loss', value: value(at + k), timestamp: 1_700_000_000_000 + at + k, step: at + k }));
    const { points, modelMetrics } = parseMetrics(list);
    await logToRun(t.svc, { runId, metrics: points, modelMetrics, params: [], tags: [] });
  }
};
const history = (t: TestStore, runId: string) => {
  const meta = t.store.ctx.series.get(runId, 'loss')!;
  const pts = t.store.ctx.files.readOrdered(meta, 0, meta.points);
  return Array.from({ length: pts.length / 3 }, (_, i) => pts[i * 3 + 2]);
};
const expected = (n: number) => Array.from({ length: n }, (_, i) => value(i));

describe('metric histories of an encrypted store', () => {
  it('keep every acknowledged point across a crash, with the re-seal of the checkpointed last block torn', async () => {
    const dir = tempDir();
    const key = newKey();
    let t = await openTestStore(dir, { key });
    await seedRuns(t.store, { runs: 1, params: 0, metrics: 0, tags: 0, random: prng(3) });
    const runId = seededRunId(0);
    await log(t, runId, 0, 1000); // 1,000 points: block 5 holds 150
    await t.store.checkpoint();
    const id = t.store.ctx.series.get(runId, 'loss')!.id;
    const path = join(dir, 'series', String(id % 1000).padStart(3, '0'), `${id}.f64`);
    await log(t, runId, 1000, 1200);
    t.store.ctx.files.flush();
    await t.store.ctx.files.written(); // block 5 sealed again in place, after its tail copy
    await crash(t);
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from(new Float64Array([value(500)]).buffer))).toBe(false);
    bytes.fill(0x3c, blockPosition(5) + 2500, blockPosition(6)); // the power failed in the middle of that write
    writeFileSync(path, bytes);

    t = await openTestStore(dir, { key });
    expect(history(t, runId)).toEqual(expected(1200));
    await log(t, runId, 1200, 1300);
    await t.store.close();
    t = await openTestStore(dir, { key });
    expect(history(t, runId)).toEqual(expected(1300));
    await t.store.close();

    const flipped = readFileSync(path);
    flipped[blockPosition(2) + 40]! ^= 4;
    writeFileSync(path, flipped);
    t = await openTestStore(dir, { key });
    expect(() => history(t, runId)).toThrow(SeriesDamageError);
    await t.store.close();
  }, 60_000);
});
