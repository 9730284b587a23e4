import type { MetricSeries } from '../../../shared/ipc/contract-types';
import type { ChartPanel } from './chart-panels';
import type { ChartSettings, RunMeta } from './chart-types';
import { metricXLines } from './metric-x';
import { type PlotLine, plotLines } from './plot-lines';

const LINE_TYPES = ['solid', 'dashed', 'dotted'] as const;

/**
 * The lines of a panel: per metric, a line per run (against the x metric when the panel has
 * one). With several metrics, each run keeps its colour and each metric gets its own dash, and
 * the line's name says which metric it is.
 */
export function panelLines(
  panel: ChartPanel,
  runs: readonly RunMeta[],
  series: (key: string) => Record<string, MetricSeries>,
  settings: ChartSettings,
): PlotLine[] {
  const several = panel.metrics.length > 1;
  return panel.metrics.flatMap((metric, k) => {
    const metas = several
      ? runs.map((r) => ({ ...r, id: `${metric}\u0001${r.id}`, name: `${r.name} · ${metric}`, lineType: LINE_TYPES[k % LINE_TYPES.length] }))
      : runs;
    const rekey = (rec: Record<string, MetricSeries>) => (several ? Object.fromEntries(Object.entries(rec).map(([id, s]) => [`${metric}\u0001${id}`, s])) : rec);
    const y = rekey(series(metric));
    return panel.xMetric ? metricXLines(metas, rekey(series(panel.xMetric)), y, settings) : plotLines(metas, y, settings);
  });
}

/** What a panel's x-axis select shows and stores: 'step', 'wall', 'relative', or 'metric:<key>'. */
export const panelXValue = (panel: ChartPanel) => (panel.xMetric ? `metric:${panel.xMetric}` : panel.xMode);

export function panelXPatch(value: string): Pick<ChartPanel, 'xMode' | 'xMetric'> {
  if (value.startsWith('metric:')) return { xMode: 'step', xMetric: value.slice('metric:'.length) };
  return { xMode: value === 'wall' || value === 'relative' ? value : 'step', xMetric: null };
}
