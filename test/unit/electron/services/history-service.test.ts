import { describe, expect, it } from 'vitest';
import { createExperiment } from '../../../../electron/services/experiments-service';
import { getMetricHistory, getMetricHistoryBulkInterval } from '../../../../electron/services/history-service';
import { logToRun } from '../../../../electron/services/logging-service';
import { createRun } from '../../../../electron/services/runs-service';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

async function runWith(steps: number[], value = (s: number) => s / 2) {
  const t = await openTestStore(tempDir());
  const exp = await createExperiment(t.svc, { name: 'h', tags: [] });
  const runId = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
  for (let i = 0; i < steps.length; i += 1000) {
    const chunk = steps.slice(i, i + 1000);
    await logToRun(t.svc, { runId, params: [], tags: [], metrics: { keys: ['m'], keyIdx: chunk.map(() => 0), pts: new Float64Array(chunk.flatMap((s) => [1000 + s, s, value(s)])) } });
  }
  return { ...t, runId };
}

describe('metric history', () => {
  it('pages with opaque tokens until the last page', async () => {
    const t = await runWith(Array.from({ length: 25 }, (_, i) => i));
    const seen: number[] = [];
    let token: string | undefined;
    do {
      const page = getMetricHistory(t.svc, { runId: t.runId, key: 'm', maxResults: 10, pageToken: token });
      seen.push(...page.metrics.map((m) => m.step));
      token = page.nextPageToken;
    } while (token);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(getMetricHistory(t.svc, { runId: t.runId, key: 'missing' }).metrics).toEqual([]);
    await t.store.close();
  });

  it('samples at most max_results steps per run, keeping the first and the last (MLflow answers 321 for 320)', async () => {
    const t = await runWith(Array.from({ length: 10_000 }, (_, i) => i));
    const pts = getMetricHistoryBulkInterval(t.svc, { runIds: [t.runId], key: 'm', maxResults: 320 });
    expect(pts).toHaveLength(321);
    expect(pts[0]!.step).toBe(0);
    expect(pts.at(-1)!.step).toBe(9999);
    expect(pts.every((p) => p.run_id === t.runId)).toBe(true);
    const ranged = getMetricHistoryBulkInterval(t.svc, { runIds: [t.runId], key: 'm', startStep: 100, endStep: 199, maxResults: 1000 });
    expect(ranged.map((p) => p.step)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
    await t.store.close();
  });

  it('samples histories logged out of step order too', async () => {
    const steps = Array.from({ length: 3000 }, (_, i) => 2999 - i);
    const t = await runWith(steps);
    const pts = getMetricHistoryBulkInterval(t.svc, { runIds: [t.runId], key: 'm', maxResults: 100 });
    expect(pts[0]!.step).toBe(0);
    expect(pts.at(-1)!.step).toBe(2999);
    expect(pts.map((p) => p.step)).toEqual([...pts.map((p) => p.step)].sort((a, b) => a - b));
    await t.store.close();
  });

  it('refuses what MLflow refuses', async () => {
    const t = await runWith([0]);
    expect(() => getMetricHistoryBulkInterval(t.svc, { runIds: [], key: 'm' })).toThrow(/at least one run_id/);
    expect(() => getMetricHistoryBulkInterval(t.svc, { runIds: [t.runId], key: 'm', maxResults: 2501 })).toThrow(/between 1 and 2500/);
    expect(() => getMetricHistoryBulkInterval(t.svc, { runIds: [t.runId], key: 'm', startStep: 5 })).toThrow(/both must be specified/);
    await t.store.close();
  });
});
