import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_LIMIT, TEXT_CHUNK_CHARS, TEXT_CHUNK_LINES } from '../../../../../renderer/components/artifacts/limits';
import { countLines, describeTextWindow, textWindow, worthHighlighting } from '../../../../../renderer/components/artifacts/text-window';

const lines = (n: number, width = 10) => Array.from({ length: n }, (_, i) => `${i + 1}`.padStart(width, '.')).join('\n') + '\n';
const SMALL = { lines: 3, chars: 100 };

describe('countLines', () => {
  it.each([
    ['', 1], ['a', 1], ['a\n', 1], ['\n', 1], ['a\nb', 2], ['a\nb\n', 2], ['a\n\n', 2], ['a\n\nb', 3],
  ])('%j has %i lines', (text, n) => {
    expect(countLines(text)).toBe(n);
  });
});

describe('textWindow', () => {
  it('shows a short text whole', () => {
    const win = textWindow('a\nb\n', 1, SMALL);
    expect(win).toEqual({ text: 'a\nb\n', lines: 2, totalLines: 2, complete: true, endsMidLine: false });
  });

  it('cuts after the chunk line limit, at a line break', () => {
    const win = textWindow('a\nb\nc\nd\ne', 1, SMALL);
    expect(win).toEqual({ text: 'a\nb\nc\n', lines: 3, totalLines: 5, complete: false, endsMidLine: false });
  });

  it('cuts at the last whole line before the character limit', () => {
    const text = `${'x'.repeat(60)}\n${'y'.repeat(60)}\nz\n`;
    const win = textWindow(text, 1, SMALL);
    expect(win.text).toBe(`${'x'.repeat(60)}\n`);
    expect(win.endsMidLine).toBe(false);
  });

  it('cuts a line longer than a chunk at the character limit, and continues it in the next chunk', () => {
    const text = 'j'.repeat(250);
    expect(textWindow(text, 1, SMALL)).toMatchObject({ text: 'j'.repeat(100), lines: 1, totalLines: 1, complete: false, endsMidLine: true });
    expect(textWindow(text, 2, SMALL).text).toBe('j'.repeat(200));
    expect(textWindow(text, 3, SMALL)).toMatchObject({ text, complete: true, endsMidLine: false });
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const text = `${'a'.repeat(99)}😀${'b'.repeat(50)}`;
    const win = textWindow(text, 1, SMALL);
    expect(win.text).toBe('a'.repeat(99));
    expect(textWindow(text, 2, SMALL).text.startsWith(`${'a'.repeat(99)}😀`)).toBe(true);
  });

  it('adds one bounded chunk per step until the text is whole', () => {
    const text = lines(8, 1);
    expect([1, 2, 3, 4].map((c) => textWindow(text, c, SMALL).lines)).toEqual([3, 6, 8, 8]);
    expect(textWindow(text, 3, SMALL)).toMatchObject({ text, complete: true });
  });

  it('bounds a 400,000-line log by the default chunk: 5,000 lines', () => {
    const text = lines(400_000);
    const win = textWindow(text, 1);
    expect(win.lines).toBe(TEXT_CHUNK_LINES);
    expect(win.totalLines).toBe(400_000);
    expect(win.text.length).toBeLessThanOrEqual(TEXT_CHUNK_CHARS);
    expect(textWindow(text, 2).lines).toBe(2 * TEXT_CHUNK_LINES);
  });

  it('bounds a one-line 8 MB document by the default chunk: 1,000,000 characters', () => {
    const text = `[${'1234567,'.repeat(1_000_000)}0]`;
    const win = textWindow(text, 1);
    expect(win.text.length).toBe(TEXT_CHUNK_CHARS);
    expect(win).toMatchObject({ lines: 1, totalLines: 1, complete: false, endsMidLine: true });
  });
});

describe('describeTextWindow', () => {
  const n = (x: number) => x.toLocaleString();

  it('counts lines when the cut is at a line break', () => {
    const text = lines(400_000);
    expect(describeTextWindow(textWindow(text, 1), text.length, false)).toBe(`Showing the first ${n(5000)} of ${n(400_000)} lines — Download for the whole file.`);
  });

  it('counts characters when the cut is inside a line', () => {
    const text = 'j'.repeat(250);
    expect(describeTextWindow(textWindow(text, 1, SMALL), text.length, false)).toBe('Showing the first 100 of 250 characters (1 of 1 lines) — Download for the whole file.');
  });

  it('marks totals as lower bounds when the text is only the start of the file', () => {
    const text = lines(10);
    expect(describeTextWindow(textWindow(text, 1, SMALL), text.length, true)).toBe('Showing the first 3 of 10+ lines — Download for the whole file.');
  });
});

describe('worthHighlighting', () => {
  const win = (text: string) => textWindow(text, 1);

  it('highlights small texts, even on one line', () => {
    expect(worthHighlighting(win(JSON.stringify({ a: 'x'.repeat(20_000) })))).toBe(true);
    expect(worthHighlighting(win(lines(2_000, 40)))).toBe(true);
  });

  it('does not highlight minified JSON past a few dozen kB (one line of tens of thousands of tokens)', () => {
    expect(worthHighlighting(win(`[${'{"id":1,"name":"row"},'.repeat(5_000)}0]`))).toBe(false);
  });

  it('does not highlight past HIGHLIGHT_LIMIT, however the lines are cut', () => {
    expect(worthHighlighting(win(lines(4_000, 80)))).toBe(false);
    expect(lines(4_000, 80).length).toBeGreaterThan(HIGHLIGHT_LIMIT);
  });
});
