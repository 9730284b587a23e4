import { useEffect, useId, useMemo } from 'react';
import type { Run } from '../../../shared/domain/tracking';
import { useApp } from '../../app-context';
import { defaultChartScope } from '../../state/chart-scopes';
import { ChartControls } from './ChartControls';
import { ChartSection } from './ChartSection';
import { createChartsStore, useCharts } from './charts-store';
import { groupByPrefix, metricKeys } from './metric-keys';
import { runMeta } from './run-meta';
import { RunLegend } from './RunLegend';
import { useChartTheme } from './use-chart-theme';
import './charts.css';

/**
 * The metric charts of some runs: one chart per metric key, in collapsible sections by key
 * prefix, sharing x-axis, smoothing, log scale and outlier settings, a linked tooltip, and
 * following newly logged points live. Those settings, the metric filter and the collapsed
 * sections are kept per `scope` (see chart-scopes.ts) for the page session, so they survive the
 * charts being unmounted (a tab switch); without a scope, per experiment when the runs share one.
 */
export function RunCharts({ runs, scope, sortedMetric: _sortedMetric = null }: {
  runs: Run[];
  scope?: string;
  /** The metric key the runs table is sorted by, if any: the one sweep charts lead with. */
  sortedMetric?: string | null;
}) {
  const { api } = useApp();
  const scopeKey = scope ?? defaultChartScope(runs);
  const store = useMemo(() => createChartsStore(api, { scope: scopeKey }), [api, scopeKey]);
  const group = `run-charts-${useId()}`;
  const theme = useChartTheme();
  const filter = useCharts(store, (s) => s.filter);

  // Runs are re-fetched often by the pages; metas are keyed by content (id, name, start), not by array identity.
  const metaKey = runs.map((r) => [r.info.run_id, r.info.run_name, r.info.start_time].join('\u0000')).join('\u0001');
  const metas = useMemo(() => runs.map(runMeta), [metaKey]);
  const idsKey = metas.map((m) => m.id).join(',');

  useEffect(() => store.getState().startLive(), [store]);
  useEffect(() => store.getState().setRuns(idsKey ? idsKey.split(',') : []), [store, idsKey]);

  const liveKeys = useCharts(store, (s) => s.liveKeys);
  const sections = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return groupByPrefix(metricKeys(runs, liveKeys).filter((k) => k.toLowerCase().includes(needle)));
  }, [runs, liveKeys, filter]);

  if (runs.length === 0) return <p className="muted">No runs selected.</p>;
  return (
    <div className="run-charts" data-testid="run-charts">
      <ChartControls store={store} />
      {metas.length > 1 && <RunLegend runs={metas} />}
      {sections.length === 0 && <p className="muted">{filter ? 'No metric matches the filter.' : 'These runs have logged no metrics yet.'}</p>}
      {sections.map((section) => (
        <ChartSection key={section.prefix} section={section} store={store} runs={metas} group={group} theme={theme} />
      ))}
    </div>
  );
}
