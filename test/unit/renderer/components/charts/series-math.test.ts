import { describe, expect, it } from 'vitest';
import { ema, formatDuration, formatValue, outlierBounds, percentile, toX } from '../../../../../renderer/components/charts/series-math';

describe('ema (debiased exponential moving average)', () => {
  it('is the identity at weight 0', () => {
    expect(ema([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it('starts at the first value (debiased) and follows the recurrence', () => {
    const out = ema([10, 20, 30], 0.5);
    // raw averages 5, 12.5, 21.25; debiasing by 1-0.5^n: 0.5, 0.75, 0.875
    expect(out[0]).toBeCloseTo(10);
    expect(out[1]).toBeCloseTo(12.5 / 0.75);
    expect(out[2]).toBeCloseTo(21.25 / 0.875);
  });

  it('keeps gaps as gaps without resetting', () => {
    const out = ema([10, null, 20], 0.5);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeCloseTo(ema([10, 20], 0.5)[1]!);
  });

  it('smooths a noisy line towards its mean', () => {
    const noisy = Array.from({ length: 400 }, (_, i) => (i % 2 ? 1 : -1));
    const out = ema(noisy, 0.95);
    expect(Math.abs(out.at(-1)!)).toBeLessThan(0.1);
  });
});

describe('percentiles and outliers', () => {
  it('interpolates between ranks like numpy', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
    expect(percentile(v, 50)).toBe(5.5);
    expect(percentile(v, 1)).toBeCloseTo(1.09);
    expect(percentile(v, 99)).toBeCloseTo(9.91);
  });

  it('clips a spike out of the range', () => {
    const values = [...Array.from({ length: 1000 }, (_, i) => i % 10), 1e9, null, NaN];
    const b = outlierBounds(values, false)!;
    expect(b.min).toBe(0);
    expect(b.max).toBeLessThan(10);
  });

  it('ignores non-positive values on a log axis', () => {
    const b = outlierBounds([-5, 0, 1, 2, 3, 4], true)!;
    expect(b.min).toBeGreaterThan(0);
  });

  it('gives up on too few values', () => {
    expect(outlierBounds([1, 2], false)).toBeNull();
  });
});

describe('x-axis modes', () => {
  it('maps a point to step, wall time or seconds since start', () => {
    expect(toX('step', 7, 5000, 1000)).toBe(7);
    expect(toX('wall', 7, 5000, 1000)).toBe(5000);
    expect(toX('relative', 7, 5000, 1000)).toBe(4);
  });

  it('formats durations and values', () => {
    expect(formatDuration(4.25)).toBe('4.3s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(7380)).toBe('2h 03m');
    expect(formatDuration(90000)).toBe('1d 01h');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(0.123456789)).toBe('0.123457');
    expect(formatValue(null)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-Infinity');
  });
});
