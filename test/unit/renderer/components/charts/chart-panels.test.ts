import { describe, expect, it } from 'vitest';
import { MAX_PANELS, newPanel, panelSettings, panelsOf } from '../../../../../renderer/components/charts/chart-panels';
import { DEFAULT_SETTINGS } from '../../../../../renderer/components/charts/chart-types';
import { panelLines, panelXPatch, panelXValue } from '../../../../../renderer/components/charts/panel-lines';
import { makeSeries } from './fixtures';

describe('chart panels', () => {
  it('gives a new panel an unused id, one metric against steps, the shared smoothing and scale', () => {
    const a = newPanel([], 'val_loss');
    expect(a).toEqual({ id: 'panel-1', metrics: ['val_loss'], xMode: 'step', xMetric: null, smoothing: null, logY: null });
    const b = newPanel([{ ...a, id: 'panel-2' }], 'acc');
    expect(b.id).not.toBe('panel-2');
  });

  it("overrides the shared settings with the panel's own", () => {
    const shared = { ...DEFAULT_SETTINGS, smoothing: 0.5, logY: true, xMode: 'wall' as const };
    const p = newPanel([], 'loss');
    expect(panelSettings(p, shared)).toEqual({ ...shared, xMode: 'step' });
    expect(panelSettings({ ...p, smoothing: 0, logY: false, xMode: 'relative' }, shared)).toEqual({ ...shared, smoothing: 0, logY: false, xMode: 'relative' });
  });

  it('stores the x-axis as one select value', () => {
    const p = newPanel([], 'loss');
    expect(panelXValue({ ...p, ...panelXPatch('metric:train_loss') })).toBe('metric:train_loss');
    expect(panelXPatch('wall')).toEqual({ xMode: 'wall', xMetric: null });
    expect(panelXPatch('sideways')).toEqual({ xMode: 'step', xMetric: null });
  });

  it('keeps at most MAX_PANELS panels', () => {
    const many = Array.from({ length: MAX_PANELS + 5 }, (_, i) => ({ id: `p${i}`, metrics: ['m'] }));
    expect(panelsOf(many)).toHaveLength(MAX_PANELS);
  });

  it('draws each metric of a panel per run, told apart by dash and name, against the x metric when set', () => {
    const runs = [{ id: 'r1', name: 'one', color: '#123456' }];
    const series: Record<string, Record<string, ReturnType<typeof makeSeries>>> = {
      val_loss: { r1: makeSeries('r1', 'val_loss', [3, 2, 1]) },
      acc: { r1: makeSeries('r1', 'acc', [0.1, 0.5, 0.9]) },
    };
    const panel = { ...newPanel([], 'val_loss'), metrics: ['val_loss', 'acc'] };
    const lines = panelLines(panel, runs, (k) => series[k] ?? {}, DEFAULT_SETTINGS);
    expect(lines.map((l) => [l.run.name, l.run.lineType, l.x])).toEqual([['one · val_loss', 'solid', [0, 1, 2]], ['one · acc', 'dashed', [0, 1, 2]]]);
    expect(new Set(lines.map((l) => l.run.id)).size).toBe(2);
    const vsAcc = panelLines({ ...panel, metrics: ['val_loss'], xMetric: 'acc' }, runs, (k) => series[k] ?? {}, DEFAULT_SETTINGS);
    expect(vsAcc.map((l) => [l.x, l.raw])).toEqual([[[0.1, 0.5, 0.9], [3, 2, 1]]]);
  });
});
