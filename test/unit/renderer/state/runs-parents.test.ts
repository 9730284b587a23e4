import { describe, expect, it } from 'vitest';
import { parentRunIds } from '../../../../renderer/state/runs-parents';
import { indexRun } from '../../../../renderer/components/runs-table/run-values';
import { makeRun } from '../components/runs-table/runs-fixtures';

describe('parentRunIds', () => {
  it('finds the runs that have loaded runs nested under them', () => {
    const runs = [
      makeRun({ id: 'p' }),
      makeRun({ id: 'c', tags: { 'mlflow.parentRunId': 'p' } }),
      makeRun({ id: 'g', tags: { 'mlflow.parentRunId': 'c' } }),
      makeRun({ id: 'o', tags: { 'mlflow.parentRunId': 'not-loaded' } }),
      makeRun({ id: 'self', tags: { 'mlflow.parentRunId': 'self' } }),
      makeRun({ id: 'leaf' }),
    ].map(indexRun);
    expect([...parentRunIds(runs)].sort()).toEqual(['c', 'p']);
  });
});
