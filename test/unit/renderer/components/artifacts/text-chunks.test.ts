import { describe, expect, it } from 'vitest';
import { chunkCount, chunkOf, chunkText, describeWindow, HEAD, resolveWindow, showEarlier, showMore, TAIL, windowSpan, windowWith } from '../../../../../renderer/components/artifacts/text-chunks';

const SMALL = { lines: 3, chars: 1000 };
/** Lines "1" to "n", each ending in a line break. */
const lines = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}`).join('\n') + '\n';

describe('chunkText', () => {
  it('cuts whole lines, `lines` at a time, and counts the breaks before each chunk', () => {
    const c = chunkText(lines(8), SMALL);
    expect(chunkCount(c)).toBe(3);
    expect(c.starts).toEqual([0, 6, 12, 16]); // "1\n2\n3\n" "4\n5\n6\n" "7\n8\n"
    expect(c.breaksBefore).toEqual([0, 3, 6, 8]);
    expect(c.totalLines).toBe(8);
  });

  it('makes one empty chunk of an empty text', () => {
    const c = chunkText('', SMALL);
    expect(chunkCount(c)).toBe(1);
    expect(windowSpan(HEAD, c)).toEqual({ start: 0, end: 0 });
  });
});

describe('windows over chunks', () => {
  const c = chunkText(lines(30), SMALL); // 10 chunks of 3 lines

  it('shows the first chunk from the head and the last from the tail', () => {
    expect(resolveWindow(HEAD, c)).toEqual({ first: 0, last: 0 });
    expect(resolveWindow(TAIL, c)).toEqual({ first: 9, last: 9 });
    const { start, end } = windowSpan(TAIL, c);
    expect(lines(30).slice(start, end)).toBe('28\n29\n30\n');
  });

  it('grows by a chunk after or before', () => {
    expect(resolveWindow(showMore(HEAD, c), c)).toEqual({ first: 0, last: 1 });
    expect(resolveWindow(showEarlier(TAIL, c), c)).toEqual({ first: 8, last: 9 });
    expect(resolveWindow(showMore(TAIL, c), c)).toEqual({ first: 9, last: 9 }); // nothing after the end
    expect(resolveWindow(showEarlier(HEAD, c), c)).toEqual({ first: 0, last: 0 });
  });

  it('keeps a tail window at the end as the text grows', () => {
    const grown = chunkText(lines(33), SMALL);
    expect(resolveWindow(TAIL, grown)).toEqual({ first: 10, last: 10 });
  });

  it('moves to show a character: same window when shown, grown when next to it, else that chunk alone', () => {
    const text = lines(30);
    const at = (line: string) => text.indexOf(`\n${line}\n`) + 1;
    expect(chunkOf(c, at('5'))).toBe(1);
    expect(windowWith(HEAD, c, at('2'))).toBe(HEAD);
    expect(resolveWindow(windowWith(HEAD, c, at('5')), c)).toEqual({ first: 0, last: 1 });
    expect(resolveWindow(windowWith(HEAD, c, at('20')), c)).toEqual({ first: 6, last: 6 });
    expect(resolveWindow(windowWith(TAIL, c, at('26')), c)).toEqual({ first: 8, last: 9 });
  });

  it('says which lines are shown', () => {
    expect(describeWindow(HEAD, c, { fromEnd: false, partial: false })).toBe('Showing the first 3 of 30 lines.');
    expect(describeWindow(HEAD, c, { fromEnd: false, partial: true })).toBe('Showing the first 3 of 30+ lines.');
    expect(describeWindow({ from: 'range', first: 6, last: 7 }, c, { fromEnd: false, partial: false })).toBe('Showing lines 19–24 of 30.');
    expect(describeWindow(TAIL, c, { fromEnd: false, partial: false })).toBe('Showing lines 28–30 of 30.');
    expect(describeWindow(TAIL, c, { fromEnd: true, partial: false })).toBe('Showing 3 of the last 30 lines read.');
    expect(describeWindow(HEAD, chunkText(lines(3), SMALL), { fromEnd: false, partial: false })).toBeNull();
  });
});
