import { describe, expect, it } from 'vitest';
import { parseFilter, parseRunsFilter } from '../../../../../shared/search';
import { errorParts, namesPosition } from '../../../../../renderer/components/runs-table/filter-error';

describe('filter error span', () => {
  it('splits the text around the span the parser blames', () => {
    const text = 'metrics.loss < 0.5 and params.lr = 0.01';
    const parsed = parseFilter(text, 'runs');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(errorParts(text, parsed.error)).toEqual(['metrics.loss < 0.5 and params.lr = ', '0.01', '']);
  });

  it('marks the end when the text stops too soon, and clamps spans past it', () => {
    expect(errorParts('metrics.loss <', { message: 'x', offset: 14, length: 0 })).toEqual(['metrics.loss <', '\u00a0\u00a0', '']);
    expect(errorParts('abc', { message: 'x', offset: 10, length: 5 })).toEqual(['abc', '\u00a0\u00a0', '']);
  });
});

describe('whether the bar adds the position', () => {
  const errorOf = (r: ReturnType<typeof parseRunsFilter>) => {
    if (r.ok) throw new Error('expected an error');
    return r.error;
  };

  it("adds it to MLflow's messages, which do not say where", () => {
    expect(namesPosition(errorOf(parseRunsFilter('metrics.loss <')))).toBe(false);
    expect(namesPosition(errorOf(parseRunsFilter('metrics.loss < 1 OR foo.x = 1')))).toBe(false);
  });

  it('leaves it out of the messages about OR, NOT and parentheses, which say it already', () => {
    const text = 'metrics.loss < 0.5 OR';
    const error = errorOf(parseRunsFilter(text));
    expect(namesPosition(error)).toBe(true);
    expect(errorParts(text, error)).toEqual([text, '\u00a0\u00a0', '']);
    expect(namesPosition(errorOf(parseRunsFilter('(metrics.loss < 0.5')))).toBe(true);
  });
});
