import { describe, expect, it } from 'vitest';
import { smallest } from '../../../../../electron/store/read-model/run-order';
import { prng } from './random-runs';

describe('smallest', () => {
  it('gives the first k of a full sort, for k below, near and above n, with many ties broken by index', () => {
    const rnd = prng(3);
    for (const n of [0, 1, 2, 7, 100, 1000]) {
      const values = Array.from({ length: n }, () => Math.floor(rnd() * 10));
      const compare = (a: number, b: number) => values[a]! - values[b]! || a - b;
      const sorted = Array.from({ length: n }, (_, i) => i).sort(compare);
      for (const k of [0, 1, 2, 3, 10, 24, 26, 250, 999, 1000, 1001]) expect(smallest(n, k, compare), `n ${n} k ${k}`).toEqual(sorted.slice(0, k));
    }
  });

  it('handles input already in order, in reverse order, and all equal but for the tie-break', () => {
    const n = 5000;
    for (const value of [(i: number) => i, (i: number) => -i, () => 1, (i: number) => i % 3]) {
      const compare = (a: number, b: number) => value(a) - value(b) || a - b;
      const sorted = Array.from({ length: n }, (_, i) => i).sort(compare);
      for (const k of [1, 7, 1001]) expect(smallest(n, k, compare)).toEqual(sorted.slice(0, k));
    }
  });
});
