import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../shared/search/parse-filter';
import type { SearchEntity } from '../../../../shared/search/types';

/** The text an editor would underline for the error, or `<end>` for a zero-length mark at the end. */
function underlined(text: string, entity: SearchEntity = 'runs') {
  const r = parseFilter(text, entity);
  if (r.ok) throw new Error(`expected ${text} to be rejected`);
  const { offset, length } = r.error;
  return length === 0 && offset === text.length ? '<end>' : text.slice(offset, offset + length);
}

describe('error positions', () => {
  it.each([
    ['metrics.a > 1 OR metrics.b > 2', 'OR'],
    ['metrics.a >', '<end>'],
    ['metrics.f1-score > 1', '-'],
    ["tags.x = 'abc", "'abc"],
    ["a = 'x'; b = 'y'", ';'],
    ["foo.bar = 'x'", 'foo'],
    ["tags.x = 'a' AND name = 'x'", 'name'],
    ["datasets.foo = 'x'", 'foo'],
    ["metrics.a = 'x'", "'x'"],
    ['params.lr = 0.01', '0.01'],
    ['metrics.a == 1', '=='],
    ["params.x NOT  LIKE 'a'", 'NOT  LIKE'],
    ["run_id IN ('a', 1)", "('a', 1)"],
    ['run_id IN (a)', 'a'],
    ['metrics.a IS NULL', 'metrics.a IS NULL'],
  ])('%s → %s', (text, mark) => {
    expect(underlined(text)).toBe(mark);
  });

  it('points into the right clause of a long filter', () => {
    const text = "metrics.rmse < 1 and params.model = 'lr' and tags.x like 'y'";
    expect(underlined(text, 'experiments')).toBe('metrics');
    expect(underlined("tags.a = 'x' AND tags.b like 'y'", 'experiments')).toBe('like');
    expect(underlined('metric.x > 1', 'logged_models')).toBe('metric');
  });

  it('says what the grammar expected on syntax errors', () => {
    const r = parseFilter('metrics.a >', 'runs');
    expect(r.ok ? null : r.error.expected).toBe('a value');
    const s = parseFilter('metrics.a', 'runs');
    expect(s.ok ? null : s.error.expected).toBe('a comparator, IN, or IS NULL');
  });

  it('gives every clause its span', () => {
    const text = "metrics.a > 1 AND  tags.b = 'c'";
    const r = parseFilter(text, 'runs');
    expect(r.ok && r.value.map((c) => text.slice(c.span.offset, c.span.offset + c.span.length))).toEqual([
      'metrics.a > 1',
      "tags.b = 'c'",
    ]);
  });
});
