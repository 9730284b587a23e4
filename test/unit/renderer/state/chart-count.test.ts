import { describe, expect, it } from 'vitest';
import { chartedCountOf, setChartedCount } from '../../../../renderer/state/chart-count';
import { readChartedCount, sessionChartStorage } from '../../../../renderer/state/chart-view-prefs';

describe('charted run count', () => {
  it('starts at 10 per experiment, and keeps what is chosen for the session', () => {
    expect(chartedCountOf('e-count-1')).toBe(10);
    setChartedCount('e-count-1', 50);
    expect(chartedCountOf('e-count-1')).toBe(50);
    expect(chartedCountOf('e-count-2')).toBe(10);
    expect(readChartedCount(sessionChartStorage(), 'e-count-1')).toBe(50);
  });
});
