import { describe, expect, it } from 'vitest';
import { spansOrders } from '../../../../../renderer/components/charts/log-scale';

describe('log scale decision', () => {
  it('is log when positive values span at least two orders of magnitude', () => {
    expect(spansOrders([1e-5, 0.2])).toBe(true);
    expect(spansOrders([1, 100])).toBe(true);
    expect(spansOrders([1, 99])).toBe(false);
    expect(spansOrders([2, 4, 8])).toBe(false);
  });

  it('is never log with zero, negatives, non-finite values or a single value; missing values are skipped', () => {
    expect(spansOrders([0, 1, 1000])).toBe(false);
    expect(spansOrders([-1, 1000])).toBe(false);
    expect(spansOrders([Infinity, 1])).toBe(false);
    expect(spansOrders([1e-5])).toBe(false);
    expect(spansOrders([1e-5, null, 1])).toBe(true);
  });
});
