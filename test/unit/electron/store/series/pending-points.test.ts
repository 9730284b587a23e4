import { describe, expect, it } from 'vitest';
import { PendingPoints } from '../../../../../electron/store/series/pending-points';

describe('PendingPoints', () => {
  it('keeps every point pushed, in order, across its growths', () => {
    const p = new PendingPoints(7);
    const want: number[] = [];
    for (let i = 0; i < 1000; i++) {
      p.push(1000 + i, i, i / 3);
      want.push(1000 + i, i, i / 3);
    }
    expect(p.start).toBe(7);
    expect(p.points).toBe(1000);
    expect(Array.from(p.values)).toEqual(want);
    expect(Array.from(p.take())).toEqual(want);
  });

  it('starts from the points it is given (a series moved out of its inline row) and copies them', () => {
    const first = Float64Array.of(1, 0, 0.5, 2, 1, 0.25);
    const p = new PendingPoints(0, first);
    first.fill(9);
    p.push(3, 2, 0.125);
    expect(p.points).toBe(3);
    expect(Array.from(p.values)).toEqual([1, 0, 0.5, 2, 1, 0.25, 3, 2, 0.125]);
  });

  it('hands its values to a write as a view of exactly the points buffered', () => {
    const p = new PendingPoints(0);
    p.push(1, 2, 3);
    const data = p.take();
    expect(data.length).toBe(3);
    expect(Buffer.from(data.buffer, data.byteOffset, data.byteLength).length).toBe(24);
    expect(new PendingPoints(0).take().length).toBe(0);
  });
});
