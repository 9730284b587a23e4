import { describe, expect, it } from 'vitest';
import { axisValueOf, formatX, lineTooltip, nearestIndex } from '../../../../../renderer/components/charts/chart-tooltip';
import { DEFAULT_SETTINGS, type RunMeta } from '../../../../../renderer/components/charts/chart-types';
import { plotLines } from '../../../../../renderer/components/charts/plot-lines';
import { makeSeries } from './fixtures';

const runs: RunMeta[] = [
  { id: 'a', name: 'alpha', color: '#111' },
  { id: 'b', name: 'beta "<b>"', color: '#222' },
];
// Downsampled lines rarely share steps: a has even steps, b odd ones.
const a = { ...makeSeries('a', 'k', [1, 1, 1]), steps: [0, 2, 4], timestamps: [0, 2000, 4000] };
const b = { ...makeSeries('b', 'k', [2, 2, 2]), steps: [1, 3, 5], timestamps: [1000, 3000, 5000] };

describe('the tooltip across runs', () => {
  it('shows every run at its point nearest the pointer, highest first, escaped', () => {
    const html = lineTooltip(2, plotLines(runs, { a, b }, DEFAULT_SETTINGS), 'step');
    expect(html).toContain('Step 2');
    expect(html).toContain('alpha');
    expect(html).toContain('beta &quot;&lt;b&gt;&quot;');
    expect(html).not.toContain('<b>"');
    expect(html.indexOf('beta')).toBeLessThan(html.indexOf('alpha'));
  });

  it('leaves out runs that have not reached the pointer', () => {
    const short = { ...makeSeries('b', 'k', [5, 5]), steps: [0, 1], timestamps: [0, 1000] };
    const long = { ...makeSeries('a', 'k', Array.from({ length: 1000 }, () => 1)) };
    const html = lineTooltip(900, plotLines(runs, { a: long, b: short }, DEFAULT_SETTINGS), 'step');
    expect(html).toContain('alpha');
    expect(html).not.toContain('beta');
  });

  it('shows the smoothed value with the raw one in brackets', () => {
    const html = lineTooltip(0, plotLines(runs.slice(0, 1), { a: makeSeries('a', 'k', [10, 0]) }, { ...DEFAULT_SETTINGS, smoothing: 0.5 }), 'step');
    expect(html.match(/alpha/g)).toHaveLength(1);
    expect(html).toContain('<b>10</b>');
    expect(html).toContain('(10)');
  });

  it('caps the rows and says how many more there are', () => {
    const many: RunMeta[] = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, name: `run ${i}`, color: '#000' }));
    const data = Object.fromEntries(many.map((r, i) => [r.id, makeSeries(r.id, 'k', [i])]));
    expect(lineTooltip(0, plotLines(many, data, DEFAULT_SETTINGS), 'step')).toContain('+5 more');
  });

  it('finds nearest points and reads the axis value', () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestIndex([0, 10, 20], -5)).toBe(0);
    expect(nearestIndex([0, 10, 20], 99)).toBe(2);
    expect(axisValueOf([{ axisValue: 7 }])).toBe(7);
    expect(axisValueOf([])).toBeNull();
  });

  it('formats x for each mode', () => {
    expect(formatX('relative', 65)).toBe('1m 05s');
    expect(formatX('wall', 0)).toBe(new Date(0).toLocaleString());
  });
});
