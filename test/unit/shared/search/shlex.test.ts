import { describe, expect, it } from 'vitest';
import { shlexSplit } from '../../../../shared/search/shlex';

describe('shlexSplit (Python shlex.split)', () => {
  it.each([
    ['metrics.a DESC', ['metrics.a', 'DESC']],
    ['metrics."a b"  asc', ['metrics.a b', 'asc']],
    ["tags.'x y'\tDESC", ['tags.x y', 'DESC']],
    ['a"b"c', ['abc']],
    ['"a\\"b"', ['a"b']],
    ['a\\ b', ['a b']],
    ['  ', []],
  ])('%j', (input, words) => {
    expect(shlexSplit(input)).toEqual(words);
  });

  it('fails like Python on an unclosed quote', () => {
    expect(shlexSplit('"abc')).toBeNull();
    expect(shlexSplit("'abc")).toBeNull();
  });
});
