import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../../../electron/services/downsample';

const line = (values: number[]) => new Float64Array(values.flatMap((v, i) => [1000 + i, i, v]));
const steps = (pts: Float64Array) => Array.from({ length: pts.length / 3 }, (_, i) => pts[i * 3 + 1]);
const values = (pts: Float64Array) => Array.from({ length: pts.length / 3 }, (_, i) => pts[i * 3 + 2]);

describe('min/max downsampling', () => {
  it('keeps short lines as they are', () => {
    const pts = line([3, 1, 2]);
    expect(downsampleMinMax(pts, 10)).toEqual(pts);
  });

  it('keeps each bucket’s minimum and maximum in step order, so spikes survive', () => {
    const vals = Array.from({ length: 1000 }, (_, i) => (i === 437 ? 99 : i === 812 ? -50 : Math.sin(i / 50)));
    const out = downsampleMinMax(line(vals), 100);
    expect(out.length / 3).toBeLessThanOrEqual(100);
    expect(values(out)).toContain(99);
    expect(values(out)).toContain(-50);
    const s = steps(out) as number[];
    expect(s).toEqual([...s].sort((a, b) => a - b));
    expect(s[0]).toBe(0);
  });

  it('treats NaN like any value without breaking the buckets', () => {
    const out = downsampleMinMax(line([1, Number.NaN, 3, 4, 5, 6, 7, 8]), 4);
    expect(out.length / 3).toBeLessThanOrEqual(4);
  });
});
