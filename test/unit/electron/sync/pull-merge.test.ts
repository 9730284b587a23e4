import { describe, expect, it } from 'vitest';
import { describeClash, mergeTags, mergeValue } from '../../../../electron/sync/pull-merge';

const m = (o: Record<string, string>) => new Map(Object.entries(o));

describe('mergeValue', () => {
  it('takes a remote change, keeps a local one, reports both', () => {
    expect(mergeValue('a', 'a', 'a')).toBe('same');
    expect(mergeValue('a', 'a', 'b')).toBe('take');
    expect(mergeValue('a', 'b', 'a')).toBe('keep');
    expect(mergeValue('a', 'b', 'b')).toBe('same');
    expect(mergeValue('a', 'b', 'c')).toBe('clash');
    expect(mergeValue(undefined, undefined, 'x')).toBe('take'); // new on the remote
    expect(mergeValue('a', undefined, 'a')).toBe('keep'); // deleted here
    expect(mergeValue('a', 'a', undefined)).toBe('take'); // deleted there
    expect(mergeValue('a', undefined, 'b')).toBe('clash');
  });
});

describe('mergeTags', () => {
  it('sets, deletes, records and reports per key', () => {
    const base = m({ kept: '1', gone: 'x', edited: 'old', both: 'b0', localDel: 'd' });
    const local = m({ kept: '1', gone: 'x', edited: 'mine', both: 'b1', localDel: 'd', converged: 'c' }).set('localDel', 'd');
    local.delete('localDel');
    const remote = m({ kept: '1', edited: 'old', both: 'b2', localDel: 'd', fresh: 'n', converged: 'c' });
    const r = mergeTags(base, local, remote);
    expect(r.set).toEqual([{ key: 'fresh', value: 'n' }]);
    expect(r.del).toEqual(['gone']);
    expect(r.record).toEqual([
      { key: 'converged', value: 'c' },
      { key: 'fresh', value: 'n' },
      { key: 'gone', value: null },
    ]);
    expect(r.clashes).toEqual([{ key: 'both', local: 'b1', remote: 'b2' }]);
  });

  it('a resumed pull that applied a value but did not record it just records it', () => {
    const r = mergeTags(m({}), m({ a: '1' }), m({ a: '1' }));
    expect(r).toEqual({ set: [], del: [], record: [{ key: 'a', value: '1' }], clashes: [] });
  });

  it('describes a clash in one line', () => {
    expect(describeClash({ key: 'verdict', local: 'mine', remote: undefined })).toMatch(/^tag 'verdict' changed on both sides .*here: 'mine', remote: deleted/);
  });
});
