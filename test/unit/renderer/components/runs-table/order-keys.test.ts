import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../../../../shared/domain/code-point-order';
import { orderByKeys } from '../../../../../renderer/components/runs-table/order-keys';
import { indexRun, type RunRecord } from '../../../../../renderer/components/runs-table/run-values';
import { prng } from '../../../../support/prng';
import { makeRun } from './runs-fixtures';

/** The store's order written plainly: value (numbers, then NaN, then missing), newest start, id. */
function reference(records: readonly RunRecord[], valueOf: (r: RunRecord) => string | number | null, desc: boolean): RunRecord[] {
  const group = (v: string | number | null) => (v === null ? 2 : typeof v === 'number' && Number.isNaN(v) ? 1 : 0);
  return [...records].sort((a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    const g = group(va) - group(vb);
    if (g) return g;
    if (group(va) === 0) {
      const c = typeof va === 'number' && typeof vb === 'number' ? Math.sign(va - vb) : compareCodePoints(String(va), String(vb));
      if (c) return desc ? -c : c;
    }
    const sa = a.start ?? -Infinity;
    const sb = b.start ?? -Infinity;
    if (sa !== sb) return sa > sb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

describe('orderByKeys', () => {
  it('orders as the store does, for numbers and text, either way', () => {
    const rnd = prng(3);
    const texts = ['', 'a', 'B', 'é', '😀', '\uE000', '\uFFFD', '10', '9'];
    const numbers = [Number.NaN, -Infinity, Infinity, 0, 1, 1, 2.5, -3];
    const records = Array.from({ length: 300 }, (_, i) =>
      indexRun(makeRun({
        id: `r${String(Math.floor(rnd() * 1000)).padStart(4, '0')}${i}`,
        ...(rnd() < 0.8 ? { start: Math.floor(rnd() * 5) } : {}),
        metrics: rnd() < 0.8 ? { m: numbers[Math.floor(rnd() * numbers.length)]! } : {},
        params: rnd() < 0.8 ? { p: texts[Math.floor(rnd() * texts.length)]! } : {},
      })),
    );
    const metric = (r: RunRecord) => ('m' in r.metrics ? r.metrics.m! : null);
    const param = (r: RunRecord) => r.params.p ?? null;
    for (const desc of [false, true]) {
      expect(orderByKeys(records, metric, desc).map((r) => r.id)).toEqual(reference(records, metric, desc).map((r) => r.id));
      expect(orderByKeys(records, param, desc).map((r) => r.id)).toEqual(reference(records, param, desc).map((r) => r.id));
    }
  });

  it('puts characters above U+FFFF after U+E000..U+FFFF, as UTF-8 byte order does', () => {
    expect(compareCodePoints('😀', '\uFFFD')).toBe(1);
    expect(compareCodePoints('\uE000', '😀')).toBe(-1);
    expect(compareCodePoints('a', 'ab')).toBe(-1);
    expect(compareCodePoints('b', 'ab')).toBe(1);
  });
});
