import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../../../electron/jobs/rate-meter';

const at = (items: number, bytes: number) => ({ itemsDone: items, bytesDone: bytes });

describe('RateMeter', () => {
  it('has no rate until samples span a tenth of a second', () => {
    const m = new RateMeter(10_000);
    m.add(0, at(0, 0));
    m.add(50, at(5, 500));
    expect(m.rates()).toBeNull();
    m.add(1000, at(10, 1000));
    expect(m.rates()).toEqual({ itemsPerSec: 10, bytesPerSec: 1000 });
  });

  it('follows the recent rate over its window, not the average since the start', () => {
    const m = new RateMeter(2000);
    m.add(0, at(0, 0));
    m.add(1000, at(100, 0)); // fast at first
    for (let t = 2000; t <= 10_000; t += 1000) m.add(t, at(100 + (t - 1000) / 1000, 0)); // then 1 item/s
    expect(m.rates()!.itemsPerSec).toBeCloseTo(1, 5);
  });
});
