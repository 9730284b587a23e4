import { describe, expect, it } from 'vitest';
import { OrderedRuns } from '../../../../../electron/store/read-model/ordered-runs';
import { RunsReadModel } from '../../../../../electron/store/read-model/runs-read-model';
import type { RunRecord } from '../../../../../electron/store/read-model/run-record';
import { searchModel } from '../../../../../electron/store/read-model/search-model';
import { compileRunsQuery } from '../../../../../electron/store/search';
import { parseOrderBy, parseRunsFilter, unwrapSearch } from '../../../../../shared/search';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { prng, seedRandomRuns } from './random-runs';

const tempDir = useTempDirs();

describe('OrderedRuns', () => {
  it('sorts a list on the second ask for an order, and keeps it for that list only', () => {
    const orders = new OrderedRuns();
    const list = [{ id: 'b' }, { id: 'a' }] as unknown as RunRecord[];
    let sorts = 0;
    const byId = (runs: RunRecord[]) => {
      sorts++;
      return runs.sort((x, y) => (x.id < y.id ? -1 : 1));
    };
    expect(orders.sorted(list, 'id', byId)).toBeUndefined();
    expect([...orders.sorted(list, 'id', byId)!]).toEqual([1, 0]); // positions in the list
    expect([...orders.sorted(list, 'id', byId)!]).toEqual([1, 0]);
    expect(sorts).toBe(1);
    expect(list.map((r) => r.id)).toEqual(['b', 'a']); // the model's list is not reordered
    expect(orders.sorted([...list], 'id', byId)).toBeUndefined(); // another list (the runs changed)
    expect(orders.sorted(list, 'other', byId)).toBeUndefined();
  });
});

describe('searches over runs sorted once', () => {
  it('answer as SQL does after ops change the runs between searches', async () => {
    const t = await openTestStore(tempDir());
    const rnd = prng(99);
    const runIds = await seedRandomRuns(t.store, rnd, 120, ['0']);
    const model = new RunsReadModel(t.store.db);
    t.store.onCommit((op) => model.onOp(op));
    model.buildNow();
    const clauses = unwrapSearch(parseRunsFilter('metrics.m0 > -10'));
    const orderBy = unwrapSearch(parseOrderBy(['metrics.m0 DESC'], 'runs'));
    const check = () => {
      const sql = compileRunsQuery({ experimentIds: ['0'], clauses, orderBy, limit: 21, offset: 5 });
      const expected = t.store.db.column<string>(sql.sql, sql.params);
      expect(model.ready()).toBe(true);
      for (let ask = 0; ask < 3; ask++) expect(searchModel(model, { experimentIds: ['0'], clauses, orderBy, offset: 5, limit: 21 })!.map((r) => r.id)).toEqual(expected);
      return expected;
    };
    const before = check();
    // the run at the top of the page drops to the bottom, another is deleted
    const top = before[0]!;
    await t.store.commit({ type: 'run.log', runId: top, metrics: { keys: ['m0'], keyIdx: [0], pts: Float64Array.from([9e15, 9, -9]) }, params: [], tags: [], time: 2 });
    await t.store.commit({ type: 'run.delete', runId: before[1]!, time: 2 });
    const after = check();
    expect(after).not.toContain(top);
    expect(after).not.toContain(before[1]);
    expect(runIds.length).toBe(120);
    await t.store.close();
  });
});
