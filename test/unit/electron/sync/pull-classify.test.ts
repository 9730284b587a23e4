// classifyRun decides from the store alone what a pull does with a remote run: a run whose lineage
// names a local run is that run (pushed from here, or from the store a bundle brought it from), so
// it is never copied back as a second run.
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../../../shared/domain/tracking';
import { addRemote } from '../../../../electron/services/remotes-service';
import { classifyRun } from '../../../../electron/sync/pull-classify';
import { ORIGIN_RUN_TAG, ORIGIN_STORE_TAG } from '../../../../electron/sync/lineage';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const LOCAL = 'a'.repeat(32);
const REMOTE = 'b'.repeat(32);
let open: TestStore | undefined;
afterEach(async () => {
  await open?.store.close();
  open = undefined;
});

function remoteRun(runId: string, tags: Record<string, string>): Run {
  return {
    info: { run_id: runId, run_uuid: runId, run_name: 'trial', experiment_id: '1', user_id: 'ann', status: 'FINISHED', start_time: 1, end_time: 2, artifact_uri: `mlflow-artifacts:/1/${runId}/artifacts`, lifecycle_stage: 'active' },
    data: { tags: Object.entries(tags).map(([key, value]) => ({ key, value })), params: [], metrics: [] },
  } as unknown as Run;
}

async function storeWithRun(): Promise<TestStore> {
  open = await openTestStore(tempDir());
  await addRemote(open.svc, { name: 'team', url: 'http://127.0.0.1:1' });
  await open.store.commit({ type: 'run.create', runId: LOCAL, experimentId: '0', name: 'trial', userId: 'ann', startTime: 1, artifactUri: `0/${LOCAL}/artifacts`, tags: [], time: 1 });
  return open;
}

describe('classifyRun', () => {
  it('knows a run pushed from this store by its lineage', async () => {
    const t = await storeWithRun();
    const c = classifyRun(t.store.db, 'team', remoteRun(REMOTE, { [ORIGIN_RUN_TAG]: LOCAL, [ORIGIN_STORE_TAG]: t.store.id }));
    expect(c).toEqual({ kind: 'own', localId: LOCAL });
  });

  it('knows a run pushed from the store a bundle brought it from (another store id, the same run id)', async () => {
    const t = await storeWithRun();
    const c = classifyRun(t.store.db, 'team', remoteRun(REMOTE, { [ORIGIN_RUN_TAG]: LOCAL, [ORIGIN_STORE_TAG]: 'another-store' }));
    expect(c).toEqual({ kind: 'own', localId: LOCAL });
  });

  it('copies a remote run whose origin is not here, and one without lineage', async () => {
    const t = await storeWithRun();
    expect(classifyRun(t.store.db, 'team', remoteRun(REMOTE, { [ORIGIN_RUN_TAG]: 'c'.repeat(32), [ORIGIN_STORE_TAG]: 'another-store' }))).toEqual({ kind: 'copy' });
    expect(classifyRun(t.store.db, 'team', remoteRun(REMOTE, {}))).toEqual({ kind: 'copy' });
  });

  it('leaves alone a local run of the same id that did not come from this remote', async () => {
    const t = await storeWithRun();
    expect(classifyRun(t.store.db, 'team', remoteRun(LOCAL, {})).kind).toBe('foreign');
  });
});
