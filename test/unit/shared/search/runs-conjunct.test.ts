import { describe, expect, it } from 'vitest';
import { parseRunsFilter } from '../../../../shared/search/parse-runs-filter';
import { runsConjunct } from '../../../../shared/search/runs-conjunct';

describe('runsConjunct', () => {
  it("leaves filters in MLflow's grammar as they are", () => {
    expect(runsConjunct('')).toBe('');
    expect(runsConjunct("  metrics.a > 1 and params.b = 'x or y' ")).toBe("metrics.a > 1 and params.b = 'x or y'");
    expect(runsConjunct("metrics.a > 1 params.b = 'x' AND")).toBe("metrics.a > 1 params.b = 'x' AND");
  });

  it('parenthesises the rest, so a clause ANDed after it applies to all of it', () => {
    const text = "AND metrics.a > 1 OR params.b = 'x' AND";
    expect(runsConjunct(text)).toBe(`(${text})`);
    const composed = parseRunsFilter(`${runsConjunct(text)} AND tags.c = 'y'`);
    expect(composed.ok && composed.value.map((t) => ('bool' in t ? t.bool : t.key))).toEqual(['OR', 'c']);
  });
});
