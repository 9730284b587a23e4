import type { MetricSeries } from '../../../shared/ipc/contract-types';
import type { ChartSettings, RunMeta } from './chart-types';
import { startOf } from './series-merge';
import { ema, toX } from './series-math';

/** One run's line as drawn: x in the chosen mode, raw values, and the smoothed values when smoothing is on. */
export interface PlotLine {
  run: RunMeta;
  steps: number[];
  timestamps: number[];
  x: number[];
  /** null: a gap (NaN/Inf, or ≤ 0 on a log axis). */
  raw: (number | null)[];
  smooth: (number | null)[] | null;
}

const logSafe = (v: number | null) => (v !== null && v > 0 ? v : null);

/** The lines of one chart, in run order; runs without points for this metric are left out. */
export function plotLines(runs: readonly RunMeta[], lines: Record<string, MetricSeries | undefined>, settings: ChartSettings): PlotLine[] {
  const out: PlotLine[] = [];
  for (const run of runs) {
    const line = lines[run.id];
    if (!line || line.steps.length === 0) continue;
    const start = startOf(line, run.startTime);
    const x = line.steps.map((s, i) => toX(settings.xMode, s, line.timestamps[i]!, start));
    let raw = line.values;
    let smooth = settings.smoothing > 0 ? ema(raw, settings.smoothing) : null;
    if (settings.logY) {
      raw = raw.map(logSafe);
      smooth = smooth?.map(logSafe) ?? null;
    }
    out.push({ run, steps: line.steps, timestamps: line.timestamps, x, raw, smooth });
  }
  return out;
}

/** The values drawn (raw and smoothed) inside an x window, or everywhere: what the y-axis has to fit. */
export function valuesInWindow(lines: readonly PlotLine[], window: [number, number] | null): number[] {
  const out: number[] = [];
  for (const line of lines) {
    for (const ys of line.smooth ? [line.raw, line.smooth] : [line.raw]) {
      for (let i = 0; i < line.x.length; i++) {
        const v = ys[i];
        if (v === null || v === undefined) continue;
        if (window && (line.x[i]! < window[0] || line.x[i]! > window[1])) continue;
        out.push(v);
      }
    }
  }
  return out;
}
