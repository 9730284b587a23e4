import { useEffect, useId, useMemo } from 'react';
import type { Run } from '../../../shared/domain/tracking';
import { useApp } from '../../app-context';
import { defaultChartScope, experimentOfScope } from '../../state/chart-scopes';
import { useRunColorVersion } from '../run-colors/run-colors';
import { ChartControls } from './ChartControls';
import { ChartedCountSelect } from './ChartedCountSelect';
import { ChartSection } from './ChartSection';
import { createChartsStore, useCharts } from './charts-store';
import { groupByPrefix, metricKeys } from './metric-keys';
import { PanelChart } from './PanelChart';
import { runMeta } from './run-meta';
import { RunImages } from './RunImages';
import { RunLegend } from './RunLegend';
import { SweepCharts } from './SweepCharts';
import { varyingParams } from './sweep-axes';
import { useChartTheme } from './use-chart-theme';
import './charts.css';

/** Runs from which parallel coordinates and a scatter are shown (two runs are a comparison, not a sweep). */
export const MIN_SWEEP_RUNS = 3;

/**
 * The metric charts of some runs: the charts added by hand (panels), parallel coordinates and a
 * scatter when params vary across the runs, the images they logged by step, then one chart per
 * metric key in collapsible sections by key prefix, sharing x-axis, smoothing, log scale and
 * outlier settings, a linked tooltip, and following newly logged points live. Those settings,
 * the panels, the metric filter and the collapsed sections are kept per `scope` (see
 * chart-scopes.ts) for the page session, so they survive the charts being unmounted (a tab
 * switch); without a scope, per experiment when the runs share one.
 */
export function RunCharts({ runs, scope, sortedMetric = null, sweep = true }: {
  runs: Run[];
  scope?: string;
  /** The metric key the runs table is sorted by, if any: the one sweep charts lead with. */
  sortedMetric?: string | null;
  /** Show parallel coordinates and a scatter when params vary (a page showing its own leaves them out). */
  sweep?: boolean;
}) {
  const { api } = useApp();
  const scopeKey = scope ?? defaultChartScope(runs);
  const store = useMemo(() => createChartsStore(api, { scope: scopeKey }), [api, scopeKey]);
  const group = `run-charts-${useId()}`;
  const theme = useChartTheme();
  const colorVersion = useRunColorVersion();
  const filter = useCharts(store, (s) => s.filter);
  const panels = useCharts(store, (s) => s.panels);

  // Runs are re-fetched often by the pages; metas are keyed by content (id, name, start), not by array identity.
  const metaKey = runs.map((r) => [r.info.run_id, r.info.run_name, r.info.start_time].join('\u0000')).join('\u0001');
  // colours are baked in: re-made when any run's colour changes
  const metas = useMemo(() => runs.map(runMeta), [metaKey, colorVersion]);
  const idsKey = metas.map((m) => m.id).join(',');

  useEffect(() => store.getState().startLive(), [store]);
  useEffect(() => store.getState().setRuns(idsKey ? idsKey.split(',') : []), [store, idsKey]);

  const liveKeys = useCharts(store, (s) => s.liveKeys);
  const allKeys = useMemo(() => metricKeys(runs, liveKeys), [runs, liveKeys]);
  const sections = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return groupByPrefix(allKeys.filter((k) => k.toLowerCase().includes(needle)));
  }, [allKeys, filter]);
  // a sweep: enough runs for lines and dots to show a trend, params that vary, metrics to relate them to
  const showSweep = sweep && runs.length >= MIN_SWEEP_RUNS && varyingParams(runs).length > 0 && allKeys.length > 0;
  const experimentId = scope ? experimentOfScope(scope) : null;
  const firstMetric = sortedMetric && allKeys.includes(sortedMetric) ? sortedMetric : allKeys[0];

  if (runs.length === 0) return <p className="muted">No runs selected.</p>;
  return (
    <div className="run-charts" data-testid="run-charts">
      <ChartControls store={store}>
        {experimentId && <ChartedCountSelect experimentId={experimentId} />}
        <button type="button" disabled={!firstMetric} onClick={() => firstMetric && store.getState().addPanel(firstMetric)} data-testid="add-chart">
          Add chart
        </button>
      </ChartControls>
      {metas.length > 1 && <RunLegend runs={metas} />}
      {panels.length > 0 && (
        <div className="chart-grid panel-grid" data-testid="chart-panels">
          {panels.map((p) => <PanelChart key={p.id} panel={p} store={store} runs={metas} metricKeys={allKeys} theme={theme} />)}
        </div>
      )}
      {showSweep && <SweepCharts runs={runs} sortedMetric={sortedMetric} store={store} />}
      <RunImages api={api} runs={runs} metas={metas} store={store} />
      {sections.length === 0 && <p className="muted">{filter ? 'No metric matches the filter.' : 'These runs have logged no metrics yet.'}</p>}
      {sections.map((section) => (
        <ChartSection key={section.prefix} section={section} store={store} runs={metas} group={group} theme={theme} />
      ))}
    </div>
  );
}
