import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { listRunArtifacts, resolveArtifactPath } from '../../../../electron/services/artifacts-service';
import { createExperiment, setExperimentLifecycle } from '../../../../electron/services/experiments-service';
import { createRun, getRun, moveRuns } from '../../../../electron/services/runs-service';
import { searchRuns } from '../../../../electron/services/search-service';
import { writeArtifact } from '../../../../electron/store/artifact-files';
import { crash, openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { artifactFile } from '../../../support/artifact-file';

const tempDir = useTempDirs();

const runIdsIn = (t: TestStore, experimentId: string) =>
  searchRuns(t.svc, { experimentIds: [experimentId], orderBy: [], viewType: 'ALL' }).items.map((r) => r.info.run_id).sort();

async function setup(dir: string) {
  const t = await openTestStore(dir);
  const from = await createExperiment(t.svc, { name: 'from', tags: [] });
  const to = await createExperiment(t.svc, { name: 'to', tags: [] });
  const run = async (tags: { key: string; value: string }[] = []) => (await createRun(t.svc, { experimentId: from, tags })).info.run_id;
  const parent = await run();
  const child = await run([{ key: 'mlflow.parentRunId', value: parent }]);
  const grandchild = await run([{ key: 'mlflow.parentRunId', value: child }]);
  const other = await run();
  return { t, from, to, parent, child, grandchild, other };
}

describe('moving runs to another experiment', () => {
  it('moves the runs with every run nested under them, in one op that survives a crash', async () => {
    const dir = tempDir();
    const { t, from, to, parent, child, grandchild, other } = await setup(dir);
    const seqBefore = t.store.lastSeq;
    expect(await moveRuns(t.svc, [parent], to)).toBe(3);
    expect(t.store.lastSeq).toBe(seqBefore + 1);
    expect(runIdsIn(t, to)).toEqual([parent, child, grandchild].sort());
    expect(runIdsIn(t, from)).toEqual([other]);

    await crash(t);
    const reopened = await openTestStore(dir);
    expect(runIdsIn(reopened, to)).toEqual([parent, child, grandchild].sort());
    expect(getRun(reopened.svc, grandchild).info.experiment_id).toBe(to);
    await reopened.store.close();
  });

  it('leaves runs already in the target alone, and moves nothing when all are there', async () => {
    const { t, to, parent, child, grandchild } = await setup(tempDir());
    expect(await moveRuns(t.svc, [child], to)).toBe(2); // child and grandchild
    expect(await moveRuns(t.svc, [parent, child], to)).toBe(1); // only the parent is left to move
    expect(await moveRuns(t.svc, [parent, grandchild], to)).toBe(0);
    await t.store.close();
  });

  it('keeps the artifact URI, so the files and a client still logging to the run keep working', async () => {
    const { t, from, to, other } = await setup(tempDir());
    const uri = getRun(t.svc, other).info.artifact_uri;
    const path = `${from}/${other}/artifacts/notes.txt`;
    await writeArtifact(artifactFile(t.svc, path, { file: true }), Readable.from(['before']), t.store.uploadsDir);
    await moveRuns(t.svc, [other], to);
    expect(getRun(t.svc, other).info.artifact_uri).toBe(uri);
    await writeArtifact(artifactFile(t.svc, `${from}/${other}/artifacts/after.txt`, { file: true }), Readable.from(['after']), t.store.uploadsDir);
    expect((await listRunArtifacts(t.svc, other, '')).files.map((f) => f.path).sort()).toEqual(['after.txt', 'notes.txt']);
    expect(() => resolveArtifactPath(t.svc, `${to}/${other}/artifacts/notes.txt`)).toThrow(/No run or logged model artifact root/);
    await t.store.close();
  });

  it('refuses an unknown run or a deleted or missing target, writing nothing', async () => {
    const { t, to, parent } = await setup(tempDir());
    const seq = t.store.lastSeq;
    await expect(moveRuns(t.svc, [parent, 'f'.repeat(32)], to)).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    await expect(moveRuns(t.svc, [parent], '999')).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    expect(t.store.lastSeq).toBe(seq);
    await setExperimentLifecycle(t.svc, to, 'delete');
    await expect(moveRuns(t.svc, [parent], to)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    expect(t.store.lastSeq).toBe(seq + 1); // only the delete
    await createExperiment(t.svc, { name: 'still-writable', tags: [] });
    await t.store.close();
  });
});
