import { describe, expect, it } from 'vitest';
import { syncedPrefix } from '../../../../electron/sync/pull-metrics';

const key = (t: number, s: number, v: number) => `${t}|${s}|${v}`;

describe('syncedPrefix', () => {
  it('counts local points, in append order, up to the first one the remote lacks', () => {
    const local = [new Float64Array([1, 0, 0.5, 2, 1, NaN]), new Float64Array([3, 2, 7, 4, 3, Infinity])];
    const remote = new Set([key(1, 0, 0.5), key(2, 1, NaN), key(4, 3, Infinity)]);
    expect(syncedPrefix(local, remote)).toBe(2); // (3, 2, 7) was logged here
    expect(syncedPrefix(local, new Set([...remote, key(3, 2, 7)]))).toBe(4);
    expect(syncedPrefix([], remote)).toBe(0);
  });
});
