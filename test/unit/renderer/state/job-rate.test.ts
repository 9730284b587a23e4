import { describe, expect, it } from 'vitest';
import { addSample, formatBytes, formatEta, jobRate, RATE_WINDOW_MS } from '../../../../renderer/state/job-rate';

describe('job rate and ETA', () => {
  it('measures over the recent window and estimates from bytes, else items', () => {
    let s = addSample([], { at: 0, bytes: 0, items: 0 });
    expect(jobRate(s, {})).toEqual({ bytesPerSec: null, itemsPerSec: null, etaSec: null });
    s = addSample(s, { at: 2000, bytes: 2048, items: 4 });
    expect(jobRate(s, { bytesTotal: 10_240 })).toEqual({ bytesPerSec: 1024, itemsPerSec: 2, etaSec: 8 });
    expect(jobRate(s, { itemsTotal: 10 }).etaSec).toBe(3);
    s = addSample(s, { at: 2000 + RATE_WINDOW_MS * 2, bytes: 4096, items: 5 });
    expect(s.length).toBe(2); // the old baseline went; the previous sample is the new one
  });
  it('formats bytes and times for people', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(5 * 1024 ** 3)]).toEqual(['512 B', '1.5 KiB', '5.0 GiB']);
    expect([formatEta(0.2), formatEta(75), formatEta(7300)]).toEqual(['1 s', '1 min 15 s', '2 h 2 min']);
  });
});
