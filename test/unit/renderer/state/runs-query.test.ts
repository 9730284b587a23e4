import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../shared/search';
import { composeFilter, patchRuns, searchInput } from '../../../../renderer/state/runs-query';
import { indexRun } from '../../../../renderer/components/runs-table/run-values';
import { makeRun } from '../components/runs-table/runs-fixtures';

describe('composeFilter', () => {
  it('ANDs the typed filter, the status quick filter and a run id list into one valid MLflow filter', () => {
    const f = composeFilter(" metrics.loss < 0.5 and params.opt = 'adam' ", 'RUNNING', ['a1', "we'ird\\id"]);
    expect(f).toBe("metrics.loss < 0.5 and params.opt = 'adam' AND attributes.status = 'RUNNING' AND attributes.run_id IN ('a1', 'we\\'ird\\\\id')");
    const parsed = parseFilter(f, 'runs');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.at(-1)).toMatchObject({ key: 'run_id', comparator: 'IN', value: ['a1', "we'ird\\id"] });
  });

  it('brackets a filter with OR, so the quick filters narrow all of it', () => {
    expect(composeFilter('metrics.a > 1 OR metrics.b > 1', 'FINISHED')).toBe("(metrics.a > 1 OR metrics.b > 1) AND attributes.status = 'FINISHED'");
  });

  it('is empty when nothing filters', () => {
    expect(composeFilter('  ', null)).toBe('');
    expect(searchInput({ experimentId: 'e', filterText: '', statusFilter: null, lifecycle: 'all', orderBy: [], columns: ['metrics.loss'] })).toEqual({ experimentIds: ['e'], viewType: 'ALL', maxResults: 2000, columns: ['metrics.loss'] });
  });

  it('asks for every column while the view has not picked its columns', () => {
    expect(searchInput({ experimentId: 'e', filterText: '', statusFilter: null, lifecycle: 'active', orderBy: [], columns: null })).toMatchObject({ columns: [], allColumns: true });
  });
});

describe('patchRuns', () => {
  const list = ['a', 'b', 'c'].map((id) => indexRun(makeRun({ id })));

  it('replaces changed runs where they are and drops those the filter no longer matches', () => {
    const b2 = indexRun(makeRun({ id: 'b', name: 'renamed' }));
    const out = patchRuns(list, ['b', 'c'], [b2])!;
    expect(out.map((r) => r.id)).toEqual(['a', 'b']);
    expect(out[1]).toBe(b2);
    expect(out[0]).toBe(list[0]); // untouched runs keep their identity (memoised rows stay)
  });

  it('gives up (null) when a changed run is new to the list', () => {
    expect(patchRuns(list, ['z'], [indexRun(makeRun({ id: 'z' }))])).toBeNull();
  });
});
