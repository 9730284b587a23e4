import { describe, expect, it } from 'vitest';
import { chartedCountKey, chartPrefsKey, DEFAULT_CHART_VIEW_PREFS, readChartedCount, readChartPrefs, sessionChartStorage, writeChartedCount, writeChartPrefs } from '../../../../renderer/state/chart-view-prefs';
import { memoryStorage } from './runs-fake-client';

describe('kept chart choices', () => {
  it('round-trips, per scope', () => {
    const storage = memoryStorage();
    const prefs = { settings: { xMode: 'wall' as const, smoothing: 0.4, logY: true, ignoreOutliers: true }, collapsed: { system: false, train: true }, filter: 'acc', panels: [] };
    writeChartPrefs(storage, 'experiment:1', prefs);
    expect(readChartPrefs(storage, 'experiment:1')).toEqual(prefs);
    expect(readChartPrefs(storage, 'experiment:2')).toEqual(DEFAULT_CHART_VIEW_PREFS);
  });

  it('falls back field by field on anything malformed', () => {
    const storage = memoryStorage({
      [chartPrefsKey('a')]: JSON.stringify({ settings: { xMode: 'sideways', smoothing: 7, logY: 'yes', ignoreOutliers: true }, collapsed: { system: 'no', val: true }, filter: 3 }),
      [chartPrefsKey('b')]: '{not json',
      [chartPrefsKey('c')]: JSON.stringify({ collapsed: ['system'] }),
    });
    expect(readChartPrefs(storage, 'a')).toEqual({ settings: { ...DEFAULT_CHART_VIEW_PREFS.settings, ignoreOutliers: true }, collapsed: { val: true }, filter: '', panels: [] });
    expect(readChartPrefs(storage, 'b')).toEqual(DEFAULT_CHART_VIEW_PREFS);
    expect(readChartPrefs(storage, 'c')).toEqual(DEFAULT_CHART_VIEW_PREFS);
    expect(readChartPrefs(null, 'a')).toEqual(DEFAULT_CHART_VIEW_PREFS);
  });

  it('survives a storage that refuses to write', () => {
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writeChartPrefs(full, 'a', DEFAULT_CHART_VIEW_PREFS)).not.toThrow();
  });

  it('keeps choices in memory where there is no sessionStorage (here, Node)', () => {
    writeChartPrefs(sessionChartStorage(), 'run:x', { ...DEFAULT_CHART_VIEW_PREFS, filter: 'loss' });
    expect(readChartPrefs(sessionChartStorage(), 'run:x').filter).toBe('loss');
  });

  it('keeps the charts added by hand, dropping malformed ones and fixing bad fields', () => {
    const good = { id: 'panel-1', metrics: ['val_loss', 'train_loss'], xMode: 'wall' as const, xMetric: null, smoothing: 0.6, logY: true };
    const storage = memoryStorage({
      [chartPrefsKey('p')]: JSON.stringify({
        panels: [
          good,
          { id: 'panel-1', metrics: ['dup'] }, // a repeated id
          { id: 'panel-2', metrics: [] }, // nothing to draw
          { id: 'panel-3', metrics: ['acc', 3, 'acc'], xMode: 'up', xMetric: 7, smoothing: 4, logY: 'no' },
          'junk',
          { metrics: ['no id'] },
        ],
      }),
      [chartPrefsKey('q')]: JSON.stringify({ panels: { id: 'x' } }),
    });
    expect(readChartPrefs(storage, 'p').panels).toEqual([good, { id: 'panel-3', metrics: ['acc'], xMode: 'step', xMetric: null, smoothing: null, logY: null }]);
    expect(readChartPrefs(storage, 'q').panels).toEqual([]);
    const withX = { ...good, xMetric: 'train_loss' };
    writeChartPrefs(storage, 'r', { ...DEFAULT_CHART_VIEW_PREFS, panels: [withX] });
    expect(readChartPrefs(storage, 'r').panels).toEqual([withX]);
  });

  it('keeps how many runs an experiment charts, one of 10, 25, 50, 100', () => {
    const storage = memoryStorage({ [chartedCountKey('bad')]: '7' });
    expect(readChartedCount(storage, 'none')).toBe(10);
    expect(readChartedCount(storage, 'bad')).toBe(10);
    writeChartedCount(storage, 'e1', 50);
    expect(readChartedCount(storage, 'e1')).toBe(50);
    expect(readChartedCount(null, 'e1')).toBe(10);
  });
});
