import { describe, expect, it } from 'vitest';
import { knownValues } from '../../../../../renderer/components/runs-table/filter-known-values';
import type { RunRecord } from '../../../../../renderer/components/runs-table/run-values';

const rec = (name: string, params: Record<string, string>, tags: Record<string, string> = {}) => ({ name, user: 'ana', params, tags }) as unknown as RunRecord;

describe('known filter values', () => {
  it('lists the values of a param, a tag and the string attributes, most common first', () => {
    const values = knownValues([rec('a', { opt: 'sgd' }), rec('b', { opt: 'adam' }, { team: 'nlp' }), rec('c', { opt: 'adam' }), rec('', {})]);
    expect(values('params', 'opt')).toEqual(['adam', 'sgd']);
    expect(values('tags', 'team')).toEqual(['nlp']);
    expect(values('attributes', 'run_name')).toEqual(['a', 'b', 'c']);
    expect(values('attributes', 'user_id')).toEqual(['ana']);
    expect(values('metrics', 'opt')).toEqual([]);
    expect(values('params', 'missing')).toEqual([]);
  });
});
