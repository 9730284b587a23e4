// Chart lines: each run's history by step, cut to the zoomed range, reduced to about maxPoints
// (min and max per bucket), the same for histories in step order (streamed) and out of it (read
// from the sorted view), over many runs at once.
import { describe, expect, it } from 'vitest';
import { chartSeries } from '../../../../electron/services/chart-series-service';
import { downsampleMinMax } from '../../../../electron/services/downsample';
import { createExperiment } from '../../../../electron/services/experiments-service';
import { logToRun } from '../../../../electron/services/logging-service';
import { createRun } from '../../../../electron/services/runs-service';
import type { ServiceContext } from '../../../../electron/services/service-context';
import { openTestStore } from '../../../support/open-test-store';
import { prng } from '../../../support/prng';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

async function log(svc: ServiceContext, runId: string, pts: number[]) {
  for (let i = 0; i < pts.length; i += 3000) {
    const part = pts.slice(i, i + 3000);
    await logToRun(svc, { runId, params: [], tags: [], metrics: { keys: ['m'], keyIdx: part.filter((_, j) => j % 3 === 0).map(() => 0), pts: new Float64Array(part) } });
  }
}

/** The line the plain way: points sorted by step (then timestamp, value), cut, reduced. */
function expected(pts: number[], maxPoints: number, minStep?: number, maxStep?: number) {
  const triples: number[][] = [];
  for (let i = 0; i < pts.length; i += 3) triples.push(pts.slice(i, i + 3));
  triples.sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]! || a[2]! - b[2]!);
  const cut = triples.filter((p) => (minStep === undefined || p[1]! >= minStep) && (maxStep === undefined || p[1]! <= maxStep));
  const down = downsampleMinMax(new Float64Array(cut.flat()), maxPoints);
  const n = down.length / 3;
  return {
    timestamps: Array.from({ length: n }, (_, i) => down[i * 3]),
    steps: Array.from({ length: n }, (_, i) => down[i * 3 + 1]),
    values: Array.from({ length: n }, (_, i) => down[i * 3 + 2]),
  };
}

describe('chartSeries', () => {
  it('reduces histories in step order and out of it alike, zoomed or not, for several runs', async () => {
    const t = await openTestStore(tempDir());
    const exp = await createExperiment(t.svc, { name: 'c', tags: [] });
    const rand = prng(41);
    const runs: { runId: string; pts: number[] }[] = [];
    for (const [n, shuffled] of [[70_000, false], [40_000, true], [5, true], [0, false]] as const) {
      const runId = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
      const order = Array.from({ length: n }, (_, i) => i);
      if (shuffled) order.sort(() => rand() - 0.5);
      const pts = order.flatMap((s) => [1_700_000_000_000 + s, s, rand()]);
      if (n) await log(t.svc, runId, pts);
      runs.push({ runId, pts });
    }
    expect(t.store.ctx.series.get(runs[1]!.runId, 'm')!.byStep).toBe(false);
    for (const [maxPoints, minStep, maxStep] of [[1000, undefined, undefined], [500, 100, 39_000], [100_000, 3, 3]] as const) {
      const lines = await chartSeries(t.svc, { runIds: runs.map((r) => r.runId), key: 'm', maxPoints, ...(minStep !== undefined ? { minStep, maxStep } : {}) });
      expect(lines.map((l) => l.runId)).toEqual(runs.map((r) => r.runId));
      lines.forEach((line, i) => {
        expect(line.total).toBe(runs[i]!.pts.length / 3);
        expect({ timestamps: line.timestamps, steps: line.steps, values: line.values }).toEqual(expected(runs[i]!.pts, maxPoints, minStep, maxStep));
      });
    }
    await expect(chartSeries(t.svc, { runIds: [runs[0]!.runId, 'f'.repeat(32)], key: 'm', maxPoints: 10 })).rejects.toThrow(/not found/);
    await t.store.close();
  });
});
