import { describe, expect, it } from 'vitest';
import { stringifyWithReplacer } from '../../../../../electron/server/mlflow-json';
import { entriesBytes, entriesSlice, metricEntries, metricEntriesWithRunId } from '../../../../../electron/services/history/metric-json';
import { prng } from '../../../../support/prng';

const tricky = [
  Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.1 + 0.2, 1e21, 1e-7, 1e-6, -1.2345678901234567e-6, 5e-324, -5e-324, 1.7976931348623157e308,
  2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, 2 ** 53 + 2, -(2 ** 53) + 1, 1e9 - 1, 1733390000000, 1733390000001.5, 123456789012345680000, 1e20,
];

/** The route's old way: one object per point, serialised with the non-finite replacer. */
const reference = (pts: Float64Array, key: string, runId?: string) => {
  const metrics = [];
  for (let i = 0; i < pts.length; i += 3) metrics.push({ key, value: pts[i + 2]!, timestamp: pts[i]!, step: pts[i + 1]!, ...(runId ? { run_id: runId } : {}) });
  return stringifyWithReplacer(metrics);
};

function randomPoints(seed: number, n: number, special: number) {
  const rand = prng(seed);
  const pts = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    pts[i * 3] = rand() < special ? tricky[Math.floor(rand() * tricky.length)]! : 1733390000000 + Math.floor(rand() * 1e6);
    pts[i * 3 + 1] = rand() < special ? tricky[Math.floor(rand() * tricky.length)]! : i;
    pts[i * 3 + 2] = rand() < special ? tricky[Math.floor(rand() * tricky.length)]! : rand();
  }
  return pts;
}

const keys = ['loss', 'l\u00f6ss/\u4e2d\ud83d\ude00', 'a"b\\c\n', 'x\ud800y', 'k}{"key":"m","value":1}', '}', '\u00ff'];

describe('metricEntries: entries as the reference serialiser writes them', () => {
  it('for any key (unicode, a lone surrogate, quotes, braces), with or without non-finite numbers, sliced anywhere', () => {
    const n = 300;
    for (const special of [0, 0.1]) {
      const pts = randomPoints(3, n, special);
      for (const key of keys) {
        const entries = metricEntries(pts, 0, n, key);
        expect(entries.starts[n]).toBe(entries.text.length + 1);
        expect(`[${entriesSlice(entries, 0, n).toString()}]`).toBe(reference(pts, key));
        for (const [a, b] of [[0, 1], [17, 18], [40, 299], [299, 300], [5, 5]] as const) {
          expect(`[${entriesSlice(entries, a, b).toString()}]`).toBe(reference(pts.subarray(a * 3, b * 3), key));
        }
        const mid = metricEntries(pts, 100, 150, key);
        expect(`[${entriesSlice(mid, 0, 50).toString()}]`).toBe(reference(pts.subarray(300, 450), key));
      }
    }
    expect(entriesSlice(metricEntries(new Float64Array(0), 0, 0, 'm'), 0, 0)).toBe('');
  });

  it('keeps ASCII text as bytes and counts a string of wider characters twice', () => {
    const pts = randomPoints(5, 10, 0);
    const ascii = metricEntries(pts, 0, 10, 'loss');
    expect(Buffer.isBuffer(ascii.text)).toBe(true);
    expect(entriesBytes(ascii)).toBe(ascii.text.length + 11 * 4);
    const wide = metricEntries(pts, 0, 10, '\u4e2d');
    expect(typeof wide.text).toBe('string');
    expect(entriesBytes(wide)).toBe(2 * wide.text.length + 11 * 4);
  });
});

describe('metricEntriesWithRunId: bulk-interval entries', () => {
  it('as the reference serialiser writes them', () => {
    for (const special of [0, 0.2]) {
      const pts = randomPoints(7, 200, special);
      for (const key of keys) expect(`[${metricEntriesWithRunId(pts, key, 'f'.repeat(32))}]`).toBe(reference(pts, key, 'f'.repeat(32)));
    }
  });
});
