import type { MetricSeries } from '../../../shared/ipc/contract-types';
import type { XMode } from './chart-types';
import { toX } from './series-math';

/**
 * A line made of the overview (whole history, coarse) with the full-resolution points of a
 * zoomed step range put in place of the coarse ones inside [lo, hi]: zooming out still shows
 * the rest of the history, zooming in shows every logged point.
 */
export function spliceDetail(overview: MetricSeries, detail: MetricSeries | undefined, lo: number, hi: number): MetricSeries {
  if (!detail) return overview;
  const out: MetricSeries = { ...overview, steps: [], timestamps: [], values: [] };
  const push = (s: MetricSeries, i: number) => {
    out.steps.push(s.steps[i]!);
    out.timestamps.push(s.timestamps[i]!);
    out.values.push(s.values[i]!);
  };
  let i = 0;
  for (; i < overview.steps.length && overview.steps[i]! < lo; i++) push(overview, i);
  for (let j = 0; j < detail.steps.length; j++) push(detail, j);
  for (; i < overview.steps.length; i++) if (overview.steps[i]! > hi) push(overview, i);
  return out;
}

/** The origin of relative time for a run: its start time, else its first logged point. */
export function startOf(line: MetricSeries, startTime: number | undefined): number {
  return startTime ?? line.timestamps[0] ?? 0;
}

/** The smallest and largest x of all points, or null without points. */
export function xExtent(lines: readonly MetricSeries[], mode: XMode, starts: Record<string, number | undefined>): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const line of lines) {
    const start = startOf(line, starts[line.runId]);
    for (let i = 0; i < line.steps.length; i++) {
      const x = toX(mode, line.steps[i]!, line.timestamps[i]!, start);
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return min <= max ? [min, max] : null;
}

/** The x window a dataZoom at start%–end% of the axis extent shows. */
export function windowFromPercent(extent: [number, number], start: number, end: number): [number, number] {
  const span = extent[1] - extent[0];
  return [extent[0] + (span * start) / 100, extent[0] + (span * end) / 100];
}

/**
 * The step range to re-read for an x window: from the last point before the window to the
 * first point after it (so the line still reaches both edges), over all runs. In relative
 * time the same window covers different steps per run; the union is asked for.
 */
export function stepRangeForWindow(
  lines: readonly MetricSeries[],
  mode: XMode,
  starts: Record<string, number | undefined>,
  [lo, hi]: [number, number],
): [number, number] | null {
  let from = Infinity;
  let to = -Infinity;
  for (const line of lines) {
    const n = line.steps.length;
    if (n === 0) continue;
    const start = startOf(line, starts[line.runId]);
    let before = -Infinity;
    let after = Infinity;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < n; i++) {
      const step = line.steps[i]!;
      const x = toX(mode, step, line.timestamps[i]!, start);
      first = Math.min(first, step);
      last = Math.max(last, step);
      if (x < lo) before = Math.max(before, step);
      else if (x > hi) after = Math.min(after, step);
    }
    from = Math.min(from, before === -Infinity ? first : before);
    to = Math.max(to, after === Infinity ? last : after);
  }
  return from <= to ? [from, to] : null;
}

/** Each run's line as drawn: the overview, with the zoomed range at full resolution when there is one. */
export function mergedLines(
  line: { overview: Record<string, MetricSeries>; detail: Record<string, MetricSeries>; zoom: { steps: [number, number] } | null } | undefined,
  runIds: readonly string[],
): Record<string, MetricSeries> {
  const out: Record<string, MetricSeries> = {};
  if (!line) return out;
  for (const id of runIds) {
    const overview = line.overview[id];
    if (!overview) continue;
    out[id] = line.zoom ? spliceDetail(overview, line.detail[id], line.zoom.steps[0], line.zoom.steps[1]) : overview;
  }
  return out;
}
