import { describe, expect, it } from 'vitest';
import { runsPageBytes } from '../../../../../electron/store/read-model/runs-page-json';

const texts = (...s: string[]) => s.map((t) => Buffer.from(t, 'utf8'));

describe('runsPageBytes', () => {
  it('joins the runs and the token as the object path serialises them', () => {
    expect(runsPageBytes([]).toString()).toBe('{}');
    expect(runsPageBytes([], 'tok').toString()).toBe('{"next_page_token":"tok"}');
    expect(runsPageBytes(texts('{"a":1}')).toString()).toBe('{"runs":[{"a":1}]}');
    expect(runsPageBytes(texts('{"a":"ü"}', '{"b":"𝄞"}'), 'eyJvZmZzZXQiOiAyfQ==').toString()).toBe('{"runs":[{"a":"ü"},{"b":"𝄞"}],"next_page_token":"eyJvZmZzZXQiOiAyfQ=="}');
    const parsed = JSON.parse(runsPageBytes(texts('{"a":"ü"}', '{"b":"𝄞"}'), 'x').toString()) as unknown;
    expect(parsed).toEqual({ runs: [{ a: 'ü' }, { b: '𝄞' }], next_page_token: 'x' });
  });

  it('fills the buffer alloc gives, of exactly the answer size', () => {
    const sizes: number[] = [];
    const out = runsPageBytes(texts('{}', '{}'), undefined, (n) => {
      sizes.push(n);
      return Buffer.alloc(n, 0xff);
    });
    expect(out.toString()).toBe('{"runs":[{},{}]}');
    expect(sizes).toEqual([out.length]);
  });
});
