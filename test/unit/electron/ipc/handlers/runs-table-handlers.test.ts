import { describe, expect, it } from 'vitest';
import { runsTableHandlers } from '../../../../../electron/ipc/handlers/runs-table-handlers';
import { searchTable } from '../../../../../electron/ipc/runs-table/search-table';
import { runsReadModelOf } from '../../../../../electron/store/read-model/store-read-model';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const ctx = { transport: 'ipc' } as const;

describe('runs table handlers during the read model build', () => {
  it('wait for the stepped build and answer from the model once it is built', async () => {
    const t = await openTestStore(tempDir());
    for (let i = 0; i < 12; i++) {
      await t.store.commit({ type: 'run.create', runId: `r${String(i).padStart(2, '0')}`, experimentId: '0', name: `n${i}`, userId: 'u', startTime: 100 - i, artifactUri: 'a', tags: [{ key: 'k', value: `v${i % 3}` }], time: 1 });
    }
    const pending: (() => void)[] = [];
    const model = runsReadModelOf(t.store, { syncBuildMaxRuns: 4, stepRuns: 2, stepBudgetMs: 0, schedule: (step) => pending.push(step) });
    const handlers = runsTableHandlers(t.svc);
    const input = { experimentIds: ['0'], filter: "tags.k != 'v1'", orderBy: ['attributes.start_time ASC'], maxResults: 5, columns: ['tags.k'] };
    const answered: string[] = [];
    const page = Promise.resolve(handlers['runs.searchTable'](input, ctx)).then((p) => (answered.push('table'), p));
    const values = Promise.resolve(handlers['runs.keyValues']({ experimentIds: ['0'], entity: 'tags', key: 'k' }, ctx)).then((v) => (answered.push('values'), v));
    expect(model.state).toBe('building');
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(answered).toEqual([]); // still building: nothing answered from SQL meanwhile
    while (pending.length) pending.shift()!();
    const [got, counted] = await Promise.all([page, values]);
    expect(model.state).toBe('ready');
    expect(answered.sort()).toEqual(['table', 'values']);
    expect(got).toEqual(searchTable(t.svc, input));
    expect(counted).toEqual({ values: ['v0', 'v1', 'v2'], distinct: 3 }); // 4 runs each, ties in code-point order
    await t.store.close();
  });
});
