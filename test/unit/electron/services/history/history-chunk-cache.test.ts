import { describe, expect, it } from 'vitest';
import { HistoryChunkCache, type SeriesState } from '../../../../../electron/services/history/history-chunk-cache';
import type { MetricEntries } from '../../../../../electron/services/history/metric-json';

const text = (bytes: number): MetricEntries => ({ text: Buffer.alloc(bytes, 0x20), starts: new Uint32Array(2) });
const series = (over: Partial<SeriesState> = {}): SeriesState => ({ id: 1, runId: 'r', key: 'm', points: 100, ordered: true, ...over });

describe('HistoryChunkCache', () => {
  it('keeps an ordered series\' chunk while the series grows in order, not once it turns unordered', () => {
    const c = new HistoryChunkCache();
    const t = text(10);
    c.put(series(), 0, t, 100);
    expect(c.get(series(), 0, 100)).toBe(t);
    expect(c.get(series({ points: 5000 }), 0, 50)).toBe(t);
    expect(c.get(series({ points: 5000 }), 0, 101)).toBeUndefined(); // holds only 100 points of the chunk
    expect(c.get(series({ points: 5000 }), 1, 1)).toBeUndefined();
    expect(c.get(series({ points: 5001, ordered: false }), 0, 10)).toBeUndefined();
    expect(c.chunks).toBe(0); // dropped, not merely skipped
  });

  it('keeps an unordered series\' chunk only at the point count it was made at', () => {
    const c = new HistoryChunkCache();
    const t = text(10);
    c.put(series({ ordered: false }), 0, t, 100);
    expect(c.get(series({ ordered: false }), 0, 100)).toBe(t);
    expect(c.get(series({ ordered: false, points: 101 }), 0, 100)).toBeUndefined();
    expect(c.get(series({ ordered: false }), 0, 100)).toBeUndefined();
  });

  it('never serves a chunk to another series that got the same id, or to another store', () => {
    const c = new HistoryChunkCache();
    const storeA = {};
    c.useFor(storeA).put(series(), 0, text(10), 100);
    expect(c.get(series({ runId: 'other' }), 0, 1)).toBeUndefined();
    c.put(series(), 0, text(10), 100);
    expect(c.useFor(storeA).get(series(), 0, 1)).toBeDefined();
    expect(c.useFor({}).get(series(), 0, 1)).toBeUndefined();
  });

  it('drops the least recently used chunks of other series past its byte budget, and never keeps one larger than it', () => {
    const c = new HistoryChunkCache(1000);
    for (let id = 1; id <= 4; id++) c.put(series({ id }), 0, text(300), 10);
    expect(c.chunks).toBe(3);
    expect(c.get(series({ id: 1 }), 0, 1)).toBeUndefined();
    expect(c.get(series({ id: 2 }), 0, 1)).toBeDefined(); // now the most recent
    c.put(series({ id: 5 }), 0, text(300), 10);
    expect(c.get(series({ id: 3 }), 0, 1)).toBeUndefined();
    expect(c.get(series({ id: 2 }), 0, 1)).toBeDefined();
    expect(c.size).toBeLessThanOrEqual(1000);
    c.put(series({ id: 9 }), 0, text(2000), 10);
    expect(c.get(series({ id: 9 }), 0, 1)).toBeUndefined();
    c.put(series({ id: 2 }), 0, text(100), 10); // replacing an entry counts it once
    expect(c.size).toBe(300 + 300 + 100 + 3 * 8);
  });

  it('keeps the first chunks of a history larger than itself rather than cycling through it', () => {
    const c = new HistoryChunkCache(1000);
    for (let pass = 0; pass < 2; pass++) {
      for (let chunk = 0; chunk < 10; chunk++) if (!c.get(series(), chunk, 1)) c.put(series(), chunk, text(300), 10);
    }
    expect([0, 1, 2].map((chunk) => c.get(series(), chunk, 1) !== undefined)).toEqual([true, true, true]);
    expect(c.get(series(), 3, 1)).toBeUndefined();
    c.put(series({ id: 2 }), 0, text(300), 10); // another series still makes room for itself
    expect(c.get(series({ id: 2 }), 0, 1)).toBeDefined();
    expect(c.chunks).toBe(3);
  });
});
