import { describe, expect, it } from 'vitest';
import { createExperiment, getExperiment } from '../../../../electron/services/experiments-service';
import * as reg from '../../../../electron/services/registry-service';
import { getMetricHistory } from '../../../../electron/services/history-service';
import { logToRun } from '../../../../electron/services/logging-service';
import { createRun } from '../../../../electron/services/runs-service';
import { whileHoldingWrites } from '../../../support/hold-writes';
import { crash, openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
/** `n` points of one metric, steps 0..n-1. */
const points = (key: string, n: number) => ({
  keys: [key],
  keyIdx: Array.from({ length: n }, () => 0),
  pts: new Float64Array(Array.from({ length: n }, (_, s) => [1000 + s, s, s / 10]).flat()),
});

describe('store commits', () => {
  // Found by the SIGKILL suite: two creates that waited for the same checkpoint both took the
  // id read before the wait, and the second one's insert failed the whole store.
  it('gives concurrent creates that wait for a checkpoint distinct ids and versions', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    const exp = await createExperiment(t.svc, { name: 'base', tags: [] });
    const runId = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
    await reg.createModel(t.svc, { name: 'm', tags: [] });

    const [ids, versions] = await whileHoldingWrites(t, () =>
      Promise.all([
        Promise.all(['a', 'b', 'c'].map((name) => createExperiment(t.svc, { name, tags: [] }))),
        Promise.all([1, 2, 3].map(() => reg.createVersion(t.svc, { name: 'm', source: `runs:/${runId}/model`, tags: [] }))),
      ]),
    );

    expect(t.logs.filter((l) => l.startsWith('checkpoint:'))).toHaveLength(1);
    expect(new Set(ids).size).toBe(3);
    expect(versions.map((v) => v.version).sort()).toEqual(['1', '2', '3']);
    expect(ids.map((id) => getExperiment(t.svc, id).name).sort()).toEqual(['a', 'b', 'c']);
    await createExperiment(t.svc, { name: 'after', tags: [] }); // the store still takes writes

    await crash(t);
    const reopened = await openTestStore(dir);
    expect(ids.map((id) => getExperiment(reopened.svc, id).name).sort()).toEqual(['a', 'b', 'c']);
    expect(reg.getVersion(reopened.svc, 'm', '3').source).toBe(`runs:/${runId}/model`);
    await reopened.store.close();
  });

  it('applies commits at once while a checkpoint syncs the bulk of the series files, and keeps them', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    const exp = await createExperiment(t.svc, { name: 'e', tags: [] });
    const runIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const runId = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
      await logToRun(t.svc, { runId, metrics: points('loss', 100), params: [], tags: [] });
      runIds.push(runId);
    }
    const checkpoint = t.store.checkpoint();
    const seq = t.store.lastSeq;
    const during = logToRun(t.svc, { runId: runIds[0]!, metrics: points('late', 10), params: [], tags: [] });
    expect(t.store.lastSeq).toBe(seq + 1); // applied, not waiting for the checkpoint
    await Promise.all([checkpoint, during]);

    await crash(t);
    const reopened = await openTestStore(dir);
    expect(getMetricHistory(reopened.svc, { runId: runIds[0]!, key: 'late' }).metrics).toHaveLength(10);
    expect(getMetricHistory(reopened.svc, { runId: runIds[19]!, key: 'loss' }).metrics).toHaveLength(100);
    await reopened.store.close();
  });

  it('finishes a checkpoint while writers never pause', async () => {
    const t = await openTestStore(tempDir());
    const exp = await createExperiment(t.svc, { name: 'busy', tags: [] });
    const runId = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
    let stop = false;
    let step = 0;
    const writers = Array.from({ length: 4 }, async () => {
      while (!stop) await logToRun(t.svc, { runId, metrics: { keys: ['m'], keyIdx: [0], pts: new Float64Array([1, step++, 0]) }, params: [], tags: [] });
    });
    await t.store.checkpoint(); // used to wait for the journal to go idle, which it never did
    stop = true;
    await Promise.all(writers);
    expect(t.logs.filter((l) => l.startsWith('checkpoint:'))).toHaveLength(1);
    await t.store.close();
  });

  it('refuses an op whose builder throws, without writing anything or failing the store', async () => {
    const t = await openTestStore(tempDir());
    const before = t.store.lastSeq;
    await expect(
      t.store.commit(() => {
        throw new Error('cannot build');
      }),
    ).rejects.toThrow('cannot build');
    expect(t.store.lastSeq).toBe(before);
    await createExperiment(t.svc, { name: 'still-writable', tags: [] });
    await t.store.close();
  });

  it('refuses an experiment id that is taken with an MLflow error, and keeps taking writes', async () => {
    const t = await openTestStore(tempDir());
    const op = { type: 'experiment.create' as const, id: '0', name: 'dup', artifactLocation: 'mlflow-artifacts:/0', tags: [], time: 1 };
    await expect(t.store.commit(op)).rejects.toMatchObject({ code: 'RESOURCE_ALREADY_EXISTS' });
    await createExperiment(t.svc, { name: 'still-writable', tags: [] });
    await t.store.close();
  });
});
