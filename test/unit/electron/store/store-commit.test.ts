import { describe, expect, it } from 'vitest';
import { createExperiment, getExperiment } from '../../../../electron/services/experiments-service';
import * as reg from '../../../../electron/services/registry-service';
import { createRun } from '../../../../electron/services/runs-service';
import { crash, openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('store commits', () => {
  // Found by the SIGKILL suite: two creates that waited for the same checkpoint both took the
  // id read before the wait, and the second one's insert failed the whole store.
  it('gives concurrent creates that wait for a checkpoint distinct ids and versions', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    const exp = await createExperiment(t.svc, { name: 'base', tags: [] });
    const runId = (await createRun(t.svc, { experimentId: exp, tags: [] })).info.run_id;
    await reg.createModel(t.svc, { name: 'm', tags: [] });

    const checkpoint = t.store.checkpoint(); // commits from here on wait for its barrier
    const [ids, versions] = await Promise.all([
      Promise.all(['a', 'b', 'c'].map((name) => createExperiment(t.svc, { name, tags: [] }))),
      Promise.all([1, 2, 3].map(() => reg.createVersion(t.svc, { name: 'm', source: `runs:/${runId}/model`, tags: [] }))),
    ]);
    await checkpoint;

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
