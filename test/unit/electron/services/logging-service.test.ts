import { describe, expect, it } from 'vitest';
import { recordLoggedModel } from '../../../../electron/services/logging-service';
import { createRun, getRun } from '../../../../electron/services/runs-service';
import { whileHoldingWrites } from '../../../support/hold-writes';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const history = (t: TestStore, runId: string) =>
  JSON.parse(getRun(t.svc, runId).data.tags?.find((x) => x.key === 'mlflow.log-model.history')?.value ?? '[]') as { artifact_path: string }[];

describe('log-model history', () => {
  it('keeps every entry of log-models that wait for the same checkpoint', async () => {
    const t = await openTestStore(tempDir());
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    await recordLoggedModel(t.svc, runId, { artifact_path: 'm0' });
    await whileHoldingWrites(t, () => Promise.all(['m1', 'm2', 'm3'].map((p) => recordLoggedModel(t.svc, runId, { artifact_path: p }))));
    expect(history(t, runId).map((m) => m.artifact_path).sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
    await t.store.close();
  });

  it('refuses an entry that would make the history longer than a tag value, and keeps the history whole', async () => {
    const t = await openTestStore(tempDir());
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    const big = { artifact_path: 'big', note: 'x'.repeat(3000) };
    await recordLoggedModel(t.svc, runId, big);
    await recordLoggedModel(t.svc, runId, big);
    await expect(recordLoggedModel(t.svc, runId, big)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: /exceeded length limit of 8000/ });
    expect(history(t, runId)).toHaveLength(2);
    await t.store.close();
  });
});
