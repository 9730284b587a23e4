import type { MetricSeries } from '../../../shared/ipc/contract-types';
import type { XMode, ZoomWindow } from './chart-types';
import { stepRangeForWindow, windowFromPercent, xExtent } from './series-merge';

interface ZoomRange {
  start?: number;
  end?: number;
  startValue?: number;
  endValue?: number;
}

/** The ids of a chart's two dataZoom components (unique per chart, so echarts.connect does not zoom the others). */
export const zoomIds = (metricKey: string) => [`inside:${metricKey}`, `slider:${metricKey}`];

/**
 * True when a `datazoom` event came from this chart's own dataZoom. echarts.connect replays
 * every chart's zoom action on the others of its group, where it changes nothing but still
 * fires their `datazoom` event.
 */
export function isOwnZoomEvent(event: unknown, metricKey: string): boolean {
  if (!event || typeof event !== 'object') return false;
  const batch = (event as { batch?: unknown }).batch;
  const id = ((Array.isArray(batch) ? batch[0] : event) as { dataZoomId?: unknown } | undefined)?.dataZoomId;
  return typeof id === 'string' && zoomIds(metricKey).includes(id);
}

/** The range an echarts `datazoom` event carries: directly (slider) or in a batch (inside zoom). */
function rangeOf(event: unknown): ZoomRange | null {
  if (!event || typeof event !== 'object') return null;
  const batch = (event as { batch?: unknown }).batch;
  const r = (Array.isArray(batch) ? batch[0] : event) as ZoomRange | undefined;
  return r && (typeof r.start === 'number' || typeof r.startValue === 'number') ? r : null;
}

/**
 * What a `datazoom` event means for the data: undefined when it cannot be read, null when the
 * whole x-axis is shown again, else the x window and the step range to re-read at full resolution.
 */
export function zoomFromEvent(
  event: unknown,
  lines: readonly MetricSeries[],
  mode: XMode,
  starts: Record<string, number | undefined>,
): ZoomWindow | null | undefined {
  const r = rangeOf(event);
  const extent = xExtent(lines, mode, starts);
  if (!r || !extent) return undefined;
  let x: [number, number];
  if (typeof r.startValue === 'number' && typeof r.endValue === 'number') x = [r.startValue, r.endValue];
  else {
    const start = r.start ?? 0;
    const end = r.end ?? 100;
    if (start <= 0 && end >= 100) return null;
    x = windowFromPercent(extent, start, end);
  }
  if (x[0] <= extent[0] && x[1] >= extent[1]) return null;
  const steps = stepRangeForWindow(lines, mode, starts, x);
  return steps ? { x, steps } : undefined;
}
