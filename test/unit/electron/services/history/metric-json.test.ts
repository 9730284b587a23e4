import { describe, expect, it } from 'vitest';
import { stringifyWithReplacer } from '../../../../../electron/server/mlflow-json';
import { entriesSlice, entryShape, metricEntries, numberJson } from '../../../../../electron/services/history/metric-json';
import { prng } from '../../../../support/prng';

const tricky = [
  Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.1 + 0.2, 1e21, 1e-7, 1e-6, -1.2345678901234567e-6, 5e-324, -5e-324, 1.7976931348623157e308,
  2 ** 31, 2 ** 31 - 1, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) + 1, 2 ** 53 + 1, 1e9, 1e9 - 1, 999999999999, 1000000000000,
  1733390000000, 1733390000001.5, 123456789012345680000, 1e20, -1e20, 1e15 + 0.5,
];

describe('numberJson: a double as JSON.stringify with the non-finite replacer writes it', () => {
  it('on tricky values', () => {
    for (const n of tricky) expect(numberJson(n)).toBe(stringifyWithReplacer(n));
  });

  it('on random doubles, integers around every power of ten and timestamps (fixed seed)', () => {
    const rand = prng(7);
    const buf = new Float64Array(1);
    const bits = new Uint32Array(buf.buffer);
    for (let i = 0; i < 4000; i++) {
      bits[0] = Math.floor(rand() * 2 ** 32);
      bits[1] = Math.floor(rand() * 2 ** 32);
      const raw = buf[0]!; // any bit pattern: subnormals, NaN payloads, infinities
      const pow = 10 ** Math.floor(rand() * 22);
      const nearPow = Math.floor(pow) + Math.floor(rand() * 5) - 2;
      const ts = Math.floor(1e12 + rand() * 1e13);
      for (const n of [raw, nearPow, -nearPow, ts, -ts, rand(), Math.floor(rand() * 2 ** 53) * (rand() < 0.5 ? -1 : 1)]) {
        expect(numberJson(n)).toBe(stringifyWithReplacer(n));
      }
    }
  });
});

describe('metricEntries: entries as the reference serialiser writes them', () => {
  const reference = (pts: Float64Array, key: string, runId?: string) => {
    const metrics = [];
    for (let i = 0; i < pts.length; i += 3) metrics.push({ key, value: pts[i + 2]!, timestamp: pts[i]!, step: pts[i + 1]!, ...(runId ? { run_id: runId } : {}) });
    return stringifyWithReplacer(metrics);
  };

  it('for any key (unicode, a lone surrogate, quotes) and run id, sliced anywhere', () => {
    const rand = prng(3);
    const n = 300;
    const pts = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      pts[i * 3] = 1733390000000 + Math.floor(rand() * 1e6);
      pts[i * 3 + 1] = i % 7 === 0 ? -i : i;
      pts[i * 3 + 2] = i % 5 === 0 ? tricky[i % tricky.length]! : rand();
    }
    for (const key of ['loss', 'l\u00f6ss/\u4e2d\ud83d\ude00', 'a"b\\c\n', 'x\ud800y']) {
      for (const runId of [undefined, 'r'.repeat(32)]) {
        const entries = metricEntries(pts, 0, n, entryShape(key, runId));
        expect(entries.bytes.length).toBe(entries.starts[n]);
        expect(`[${entriesSlice(entries, 0, n, true).toString('utf8')}]`).toBe(reference(pts, key, runId));
        for (const [a, b] of [[0, 1], [17, 18], [40, 299], [299, 300], [5, 5]] as const) {
          expect(`[${entriesSlice(entries, a, b, true).toString('utf8')}]`).toBe(reference(pts.subarray(a * 3, b * 3), key, runId));
        }
        const mid = metricEntries(pts, 100, 150, entryShape(key, runId));
        expect(`[${entriesSlice(mid, 0, 50, true).toString('utf8')}]`).toBe(reference(pts.subarray(300, 450), key, runId));
      }
    }
  });

  it('grows its buffer when entries are longer than first guessed', () => {
    const key = 'k'.repeat(250);
    const pts = new Float64Array([-1.2345678901234567e-6, -(2 ** 53) + 1, -1.7976931348623157e308]);
    const many = new Float64Array(3000 * 3).map((_, i) => pts[i % 3]!);
    expect(`[${entriesSlice(metricEntries(many, 0, 3000, entryShape(key, 'r')), 0, 3000, true).toString('utf8')}]`).toBe(reference(many, key, 'r'));
  });
});
