import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../../shared/search';
import { errorParts } from '../../../../../renderer/components/runs-table/filter-error';

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
