import { describe, expect, it } from 'vitest';
import { isOwnZoomEvent, zoomFromEvent } from '../../../../../renderer/components/charts/chart-zoom';
import { makeSeries } from './fixtures';

const lines = [makeSeries('a', 'k', Array.from({ length: 101 }, (_, i) => i))]; // steps 0..100

describe('zoomFromEvent', () => {
  it('reads an inside-zoom batch in percent', () => {
    expect(zoomFromEvent({ batch: [{ start: 20, end: 40 }] }, lines, 'step', {})).toEqual({ x: [20, 40], steps: [19, 41] });
  });

  it('reads a slider event and value ranges', () => {
    expect(zoomFromEvent({ start: 50, end: 60 }, lines, 'step', {})?.x).toEqual([50, 60]);
    expect(zoomFromEvent({ startValue: 10, endValue: 12 }, lines, 'step', {})?.x).toEqual([10, 12]);
  });

  it('means "show everything" when the window covers the whole axis', () => {
    expect(zoomFromEvent({ start: 0, end: 100 }, lines, 'step', {})).toBeNull();
  });

  it('ignores events it cannot read and charts without points', () => {
    expect(zoomFromEvent({ type: 'datazoom' }, lines, 'step', {})).toBeUndefined();
    expect(zoomFromEvent({ start: 1, end: 2 }, [], 'step', {})).toBeUndefined();
  });
});

describe('isOwnZoomEvent', () => {
  it('accepts events from the chart’s own inside zoom or slider, not those echarts.connect replays from others', () => {
    expect(isOwnZoomEvent({ batch: [{ dataZoomId: 'inside:train/loss', start: 1, end: 2 }] }, 'train/loss')).toBe(true);
    expect(isOwnZoomEvent({ dataZoomId: 'slider:train/loss', start: 1, end: 2 }, 'train/loss')).toBe(true);
    expect(isOwnZoomEvent({ batch: [{ dataZoomId: 'inside:val/loss', start: 1, end: 2 }] }, 'train/loss')).toBe(false);
    expect(isOwnZoomEvent({ start: 1, end: 2 }, 'train/loss')).toBe(false);
    expect(isOwnZoomEvent(null, 'train/loss')).toBe(false);
  });
});
