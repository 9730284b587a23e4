import { describe, expect, it } from 'vitest';
import { keyValues } from '../../../../../electron/ipc/runs-table/key-values';
import { logToRun } from '../../../../../electron/services/logging-service';
import { createRun } from '../../../../../electron/services/runs-service';
import { runsReadModelOf } from '../../../../../electron/store/read-model/store-read-model';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

describe.each([true, false])('runs.keyValues (read model ready: %s)', (modelReady) => {
  it('answers the most common values of a param or tag first, cut at the limit, and sees a commit', async () => {
    const t = await openTestStore(tempDir());
    if (!modelReady) runsReadModelOf(t.store, { syncBuildMaxRuns: 0, schedule: () => undefined });
    const values = ['b', 'a', 'c', 'a', 'b', 'a', 'd'];
    const ids: string[] = [];
    for (const [i, v] of values.entries()) {
      const run = await createRun(t.svc, { experimentId: '0', startTime: i, tags: [] });
      ids.push(run.info.run_id);
      await logToRun(t.svc, { runId: run.info.run_id, metrics: null, params: [{ key: 'opt', value: v }], tags: [{ key: 'team', value: `t${i % 2}` }] });
    }
    expect(runsReadModelOf(t.store).ready()).toBe(modelReady);
    expect(keyValues(t.svc, { experimentIds: ['0'], entity: 'params', key: 'opt' })).toEqual({ values: ['a', 'b', 'c', 'd'], distinct: 4 });
    expect(keyValues(t.svc, { experimentIds: ['0'], entity: 'params', key: 'opt', limit: 2 })).toEqual({ values: ['a', 'b'], distinct: 4 });
    expect(keyValues(t.svc, { experimentIds: ['0'], entity: 'tags', key: 'team' })).toEqual({ values: ['t0', 't1'], distinct: 2 });
    expect(keyValues(t.svc, { experimentIds: ['0'], entity: 'params', key: 'nope' })).toEqual({ values: [], distinct: 0 });
    // a new value committed shows in the next answer (nothing kept past a commit)
    for (const id of ids.slice(0, 4)) await logToRun(t.svc, { runId: id, metrics: null, params: [], tags: [{ key: 'team', value: 'z' }] });
    expect(keyValues(t.svc, { experimentIds: ['0'], entity: 'tags', key: 'team' }).values[0]).toBe('z');
    await t.store.close();
  });
});
