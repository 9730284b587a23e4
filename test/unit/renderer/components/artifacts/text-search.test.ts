import { describe, expect, it } from 'vitest';
import { describeMatches, findMatches, firstMatchFrom, NO_MATCHES, splitAtMatches, stepMatch } from '../../../../../renderer/components/artifacts/text-search';

describe('findMatches', () => {
  it('finds every occurrence, ignoring case, left to right without overlaps', () => {
    expect(findMatches('Loss went down; loss, LOSS.', 'loss')).toEqual({ starts: [0, 16, 22], length: 4, capped: false });
    expect(findMatches('aaaa', 'aa').starts).toEqual([0, 2]);
  });

  it('takes the query literally (no regular expression)', () => {
    expect(findMatches('a.b a+b (x) [y]', 'a+b').starts).toEqual([4]);
    expect(findMatches('a.b axb', '.').starts).toEqual([1]);
    expect(findMatches('f(x) [y]', '[y]').starts).toEqual([5]);
  });

  it('finds nothing for an empty query or an absent string', () => {
    expect(findMatches('text', '')).toBe(NO_MATCHES);
    expect(findMatches('text', 'zzz').starts).toEqual([]);
  });

  it('stops counting at the limit and says so', () => {
    const m = findMatches('x'.repeat(50), 'x', 20);
    expect(m.starts).toHaveLength(20);
    expect(m.capped).toBe(true);
  });
});

describe('moving between matches', () => {
  it('steps forward and back, wrapping around at both ends', () => {
    expect(stepMatch(3, 0, 1)).toBe(1);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(3, 1, -1)).toBe(0);
    expect(stepMatch(0, 0, 1)).toBe(-1);
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
  });

  it('starts at the first match at or after where the reader is, else at the first', () => {
    const m = findMatches('ab ab ab ab', 'ab'); // 0 3 6 9
    expect(firstMatchFrom(m, 0)).toBe(0);
    expect(firstMatchFrom(m, 4)).toBe(2);
    expect(firstMatchFrom(m, 10)).toBe(0);
    expect(firstMatchFrom(NO_MATCHES, 0)).toBe(-1);
  });

  it('counts as "3 of 17"', () => {
    const m = findMatches('x'.repeat(17), 'x');
    expect(describeMatches(m, 2, 'x')).toBe('3 of 17');
    expect(describeMatches(findMatches('x'.repeat(30), 'x', 20), 0, 'x')).toBe('1 of 20+');
    expect(describeMatches(NO_MATCHES, -1, 'q')).toBe('No matches');
    expect(describeMatches(NO_MATCHES, -1, '')).toBe('');
  });
});

describe('splitAtMatches', () => {
  it('cuts a span into plain pieces and numbered matches, clipping matches at its edges', () => {
    const text = 'one two one two one';
    const m = findMatches(text, 'one'); // 0 8 16
    expect(splitAtMatches(text, 0, text.length, m)).toEqual([
      { text: 'one', match: 0 }, { text: ' two ', match: null }, { text: 'one', match: 1 }, { text: ' two ', match: null }, { text: 'one', match: 2 },
    ]);
    expect(splitAtMatches(text, 9, 17, m)).toEqual([{ text: 'ne', match: 1 }, { text: ' two ', match: null }, { text: 'o', match: 2 }]);
    expect(splitAtMatches(text, 3, 8, m)).toEqual([{ text: ' two ', match: null }]);
  });
});
