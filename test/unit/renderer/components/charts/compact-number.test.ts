import { describe, expect, it } from 'vitest';
import { compactNumber } from '../../../../../renderer/components/charts/compact-number';

describe('compact tick numbers', () => {
  it('keeps ticks short: exponents for tiny numbers, k/M for large, 3 significant digits', () => {
    expect(compactNumber(0.0000000025)).toBe('2.5e-9');
    expect(compactNumber(0.001)).toBe('0.001');
    expect(compactNumber(0.00012)).toBe('1.2e-4');
    expect(compactNumber(0.30000000000000004)).toBe('0.3');
    expect(compactNumber(1234)).toBe('1.23k');
    expect(compactNumber(1200)).toBe('1.2k');
    expect(compactNumber(-2_500_000)).toBe('-2.5M');
    expect(compactNumber(0)).toBe('0');
    expect(compactNumber(42)).toBe('42');
    expect(compactNumber(3e20)).toBe('3e20');
  });
});
