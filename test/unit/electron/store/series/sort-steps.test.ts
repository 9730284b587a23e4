// The stepped sort of a history's points gives what a plain comparator sort gives (ties by logged
// position, exact repeats dropped), for every shape of history, and yields along the way.
import { describe, expect, it } from 'vitest';
import { BLOCK_POINTS, mergeSorted, pointComparer, type PointOrder, runInSteps, runNow, sortIndices, withoutRepeats } from '../../../../../electron/store/series/sort-steps';
import { compareHistory, compareLatest } from '../../../../../electron/store/series-meta';
import { prng } from '../../../../support/prng';

type Shape = 'in order' | 'reversed' | 'random' | 'batches in flight' | 'few values';

function points(random: () => number, n: number, shape: Shape): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const special = random() < 0.05 ? [Number.NaN, Infinity, -Infinity, -0][Math.floor(random() * 4)]! : undefined;
    if (shape === 'in order') out.push([1000 + i, i, special ?? random()]);
    else if (shape === 'reversed') out.push([1000 + n - i, n - i, special ?? random()]);
    else if (shape === 'random') out.push([1000 + Math.floor(random() * n), Math.floor(random() * n), special ?? random()]);
    else if (shape === 'few values') out.push([1000 + Math.floor(random() * 3), Math.floor(random() * 3), special ?? Math.floor(random() * 3)]);
    else out.push([]);
  }
  if (shape === 'batches in flight') {
    // batches of 50 points, 4 in flight: each group of 4 lands in a shuffled order
    out.length = 0;
    for (let g = 0; g * 50 < n; g += 4) {
      const order = [0, 1, 2, 3].sort(() => random() - 0.5);
      for (const o of order) for (let i = 0; i < 50 && (g + o) * 50 + i < n; i++) out.push([1000 + (g + o) * 50 + i, (g + o) * 50 + i, random()]);
    }
  }
  for (let i = 0; i < n / 10; i++) out.push([...out[Math.floor(random() * out.length)]!]); // exact repeats
  return out;
}

/** Points in blocks of BLOCK_POINTS, as the sorted views hold them. */
function blocksOf(pts: number[][]): Float64Array[] {
  const blocks: Float64Array[] = [];
  pts.forEach((p, i) => {
    if (i % BLOCK_POINTS === 0) blocks.push(new Float64Array(BLOCK_POINTS * 3));
    blocks[blocks.length - 1]!.set(p, (i % BLOCK_POINTS) * 3);
  });
  return blocks;
}

/** The reference: a comparator sort, ties by position, then repeats dropped. */
function reference(pts: number[][], by: PointOrder): number[] {
  const cmp = by === 'history' ? compareHistory : compareLatest;
  const idx = pts.map((_, i) => i).sort((a, b) => cmp(pts[a]![0]!, pts[a]![1]!, pts[a]![2]!, pts[b]![0]!, pts[b]![1]!, pts[b]![2]!) || a - b);
  return idx.filter((x, i) => i === 0 || compareHistory(pts[idx[i - 1]!]![0]!, pts[idx[i - 1]!]![1]!, pts[idx[i - 1]!]![2]!, pts[x]![0]!, pts[x]![1]!, pts[x]![2]!) !== 0);
}

const SHAPES: Shape[] = ['in order', 'reversed', 'random', 'batches in flight', 'few values'];

describe('sortIndices and withoutRepeats', () => {
  for (const shape of SHAPES) {
    for (const by of ['history', 'step'] as const) {
      it(`sort ${shape} histories by ${by} as a comparator sort does, repeats dropped`, () => {
        const random = prng(SHAPES.indexOf(shape) * 7 + (by === 'step' ? 1 : 0));
        for (const n of [0, 1, 2, 31, 33, 500, 3000]) {
          const pts = points(random, n, shape);
          const blocks = blocksOf(pts);
          const idx = Uint32Array.from(pts.keys());
          const sorted = runNow(sortIndices(idx, pointComparer(blocks, by)));
          expect(Array.from(idx)).toEqual(Array.from(pts.keys())); // the input is left alone
          expect(Array.from(runNow(withoutRepeats(blocks, sorted)))).toEqual(reference(pts, by));
        }
      });
    }
  }

  it('reads points across blocks (a history longer than one block)', () => {
    const random = prng(99);
    const pts = points(random, BLOCK_POINTS + 5000, 'random');
    const blocks = blocksOf(pts);
    expect(blocks.length).toBe(2);
    const sorted = runNow(sortIndices(Uint32Array.from(pts.keys()), pointComparer(blocks, 'history')));
    expect(Array.from(runNow(withoutRepeats(blocks, sorted)))).toEqual(reference(pts, 'history'));
  });

  it('merges a sorted old part with newly sorted points as one sort of all would', () => {
    const random = prng(5);
    const pts = points(random, 2000, 'random');
    const blocks = blocksOf(pts);
    const cmp = pointComparer(blocks, 'step');
    const old = runNow(sortIndices(Uint32Array.from({ length: 1500 }, (_, i) => i), cmp));
    const fresh = runNow(sortIndices(Uint32Array.from({ length: pts.length - 1500 }, (_, i) => 1500 + i), cmp));
    const merged = runNow(mergeSorted(old, fresh, cmp));
    expect(Array.from(runNow(withoutRepeats(blocks, merged)))).toEqual(reference(pts, 'step'));
  });

  it('gives the event loop turns when run in steps, and the same order', async () => {
    const pts = points(prng(8), 40_000, 'random');
    const blocks = blocksOf(pts);
    let turns = 0;
    const got = await runInSteps(sortIndices(Uint32Array.from(pts.keys()), pointComparer(blocks, 'history')), async () => {
      turns++;
    }, 0);
    expect(turns).toBeGreaterThan(10);
    expect(Array.from(runNow(withoutRepeats(blocks, got)))).toEqual(reference(pts, 'history'));
  });
});
