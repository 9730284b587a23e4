import { describe, expect, it } from 'vitest';
import { registryHandlers } from '../../../../../electron/ipc/handlers/registry-handlers';
import { createRun } from '../../../../../electron/services/runs-service';
import { whileHoldingWrites } from '../../../../support/hold-writes';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

describe('registry handlers', () => {
  it('registers two versions under a new model name at once, creating the model once', async () => {
    const t = await openTestStore(tempDir());
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    const h = registryHandlers(t.svc);
    // both find no model, then wait for the checkpoint
    const versions = await whileHoldingWrites(t, () => Promise.all(['model', 'other'].map((p) => h['versions.register']({ name: 'fresh', source: `runs:/${runId}/${p}` }, { transport: 'ipc' }))));
    expect(versions.map((v) => v.version).sort()).toEqual(['1', '2']);
    await t.store.close();
  });
});
