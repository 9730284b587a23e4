import type { ChartTheme, XMode } from './chart-types';
import { escapeHtml } from './escape-html';
import type { PlotLine } from './plot-lines';
import { formatDuration, formatValue } from './series-math';

/** How every chart's tooltip looks: kept inside the chart, in the theme's colours. */
export const tooltipStyle = (theme: ChartTheme) => ({
  confine: true,
  backgroundColor: theme.raised,
  borderColor: theme.border,
  textStyle: { color: theme.fg, fontSize: 12 },
});

/** Series ids carry the run: `raw:<runId>` for the measured line, `smooth:<runId>` for its moving average. */
export const rawId = (runId: string) => `raw:${runId}`;
export const smoothId = (runId: string) => `smooth:${runId}`;

const MAX_ROWS = 25;

export function formatX(mode: XMode, x: number): string {
  if (mode === 'step') return `Step ${formatValue(x)}`;
  if (mode === 'wall') return new Date(x).toLocaleString();
  return formatDuration(x);
}

/** Index of the point whose x is nearest to `x` (xs ascending, as lines are ordered by step). */
export function nearestIndex(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(xs[lo - 1]! - x) <= Math.abs(xs[lo]! - x) ? lo - 1 : lo;
}

/** The x under the pointer, as echarts passes it to an axis tooltip's formatter. */
export function axisValueOf(params: unknown): number | null {
  const first = (Array.isArray(params) ? params[0] : params) as { axisValue?: unknown } | undefined;
  return typeof first?.axisValue === 'number' ? first.axisValue : null;
}

interface Row {
  line: PlotLine;
  raw: number | null;
  smooth: number | null;
}

const show = (v: number | null) => (v === null ? '—' : formatValue(v));

/**
 * The one tooltip across runs: a header with the x under the pointer, then each run's point
 * nearest to it (smoothed value, raw value in brackets when smoothing is on), highest first.
 * Found here rather than from echarts' params, which keep only the series whose points share
 * the single nearest x; runs that have not reached that x are left out. Run names are escaped:
 * echarts renders this string as HTML.
 */
export function lineTooltip(x: number | null, lines: readonly PlotLine[], mode: XMode): string {
  if (x === null) return '';
  let min = Infinity;
  let max = -Infinity;
  for (const l of lines) {
    if (!l.x.length) continue;
    min = Math.min(min, l.x[0]!);
    max = Math.max(max, l.x.at(-1)!);
  }
  const slack = (max - min) / 100;
  const rows: Row[] = [];
  for (const line of lines) {
    if (!line.x.length || x < line.x[0]! - slack || x > line.x.at(-1)! + slack) continue;
    const i = nearestIndex(line.x, x);
    rows.push({ line, raw: line.raw[i] ?? null, smooth: line.smooth?.[i] ?? null });
  }
  const smoothing = lines.some((l) => l.smooth);
  const main = (r: Row) => (smoothing ? r.smooth : r.raw);
  rows.sort((a, b) => (main(b) ?? -Infinity) - (main(a) ?? -Infinity));
  const html = rows.slice(0, MAX_ROWS).map((r) => {
    const extra = smoothing ? ` <span style="opacity:.6">(${escapeHtml(show(r.raw))})</span>` : '';
    return (
      `<div style="display:flex;gap:8px;align-items:center"><span style="width:9px;height:9px;border-radius:50%;flex:none;background:${escapeHtml(r.line.run.color)}"></span>` +
      `<span style="flex:1;max-width:240px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">${escapeHtml(r.line.run.name)}</span>` +
      `<b>${escapeHtml(show(main(r)))}</b>${extra}</div>`
    );
  });
  if (rows.length > MAX_ROWS) html.push(`<div style="opacity:.6">+${rows.length - MAX_ROWS} more</div>`);
  return `<div style="opacity:.7;margin-bottom:4px">${escapeHtml(formatX(mode, x))}</div>` + html.join('');
}
