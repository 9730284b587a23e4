import { describe, expect, it } from 'vitest';
import { sortPositionsSliced } from '../../../../../electron/store/read-model/sliced-sort';
import { Slicer } from '../../../../../electron/store/read-model/slicer';
import { prng } from './random-runs';

describe('sortPositionsSliced', () => {
  it('sorts as Array.sort does, in more than one turn for a big list', async () => {
    const rnd = prng(7);
    const values = Array.from({ length: 20_000 }, () => Math.floor(rnd() * 5000));
    const compare = (a: number, b: number) => values[a]! - values[b]! || a - b;
    let clock = 0;
    let turnsGiven = 0;
    // each look at the clock is 1 ms later, a slice is 3 ms
    const slicer = new Slicer({ budgetMs: 3, now: () => clock++, turn: () => Promise.resolve(turnsGiven++) });
    const sorted = await sortPositionsSliced(values.length, compare, slicer);
    expect([...sorted]).toEqual(Array.from({ length: values.length }, (_, i) => i).sort(compare));
    expect(turnsGiven).toBe(slicer.turns);
    expect(slicer.turns).toBeGreaterThan(10);
  });

  it('gives no turn to a list sorted within one slice, and sorts lists of every small length', async () => {
    for (const n of [0, 1, 2, 3, 5, 8, 9, 17, 33]) {
      const rnd = prng(n);
      const values = Array.from({ length: n }, () => rnd());
      const slicer = new Slicer({ budgetMs: 1e9, runLength: 2, checkEvery: 1 });
      const sorted = await sortPositionsSliced(n, (a, b) => values[a]! - values[b]!, slicer);
      expect([...sorted].map((i) => values[i])).toEqual([...values].sort((a, b) => a - b));
      expect(slicer.turns).toBe(0);
    }
  });
});
