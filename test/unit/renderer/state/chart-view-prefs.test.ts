import { describe, expect, it } from 'vitest';
import { chartPrefsKey, DEFAULT_CHART_VIEW_PREFS, readChartPrefs, sessionChartStorage, writeChartPrefs } from '../../../../renderer/state/chart-view-prefs';
import { memoryStorage } from './runs-fake-client';

describe('kept chart choices', () => {
  it('round-trips, per scope', () => {
    const storage = memoryStorage();
    const prefs = { settings: { xMode: 'wall' as const, smoothing: 0.4, logY: true, ignoreOutliers: true }, collapsed: { system: false, train: true }, filter: 'acc' };
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
    expect(readChartPrefs(storage, 'a')).toEqual({ settings: { ...DEFAULT_CHART_VIEW_PREFS.settings, ignoreOutliers: true }, collapsed: { val: true }, filter: '' });
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
});
