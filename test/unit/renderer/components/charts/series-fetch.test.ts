import { describe, expect, it } from 'vitest';
import { pointsFor } from '../../../../../renderer/components/charts/series-fetch';

describe('points per chart', () => {
  it('asks for about two points per pixel, within the contract bounds', () => {
    expect(pointsFor(600)).toBe(1200);
    expect(pointsFor(20)).toBe(200);
    expect(pointsFor(1e6)).toBe(100_000);
  });
});
