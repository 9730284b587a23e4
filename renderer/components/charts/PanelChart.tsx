import { useEffect, useMemo, useRef } from 'react';
import { type ChartPanel, MAX_PANEL_METRICS, panelSettings } from './chart-panels';
import { chartCsv } from './chart-csv';
import { exportCsv, exportPng, exportSvg } from './chart-export';
import { lineChartOption } from './chart-options-line';
import type { ChartTheme, RunMeta } from './chart-types';
import { type ChartsStore, useCharts } from './charts-store';
import { EChart } from './EChart';
import { panelLines, panelXPatch, panelXValue } from './panel-lines';
import { pointsFor } from './series-fetch';
import { mergedLines } from './series-merge';
import { useSeenOnce } from './use-visible';

const HEIGHT = 280;
const SMOOTHINGS = [0, 0.3, 0.6, 0.8, 0.9, 0.95, 0.99];

interface Props {
  panel: ChartPanel;
  store: ChartsStore;
  runs: RunMeta[];
  /** Every metric key the runs have: what the pickers offer. */
  metricKeys: string[];
  theme: ChartTheme;
}

/** A chart someone added: chosen metrics against a chosen x-axis, its own smoothing and log scale, removable. */
export function PanelChart({ panel, store, runs, metricKeys, theme }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const seen = useSeenOnce(box);
  const shared = useCharts(store, (s) => s.settings);
  const runIds = useCharts(store, (s) => s.runIds);
  const keys = useMemo(() => (panel.xMetric ? [...panel.metrics, panel.xMetric] : panel.metrics), [panel]);
  const lineStates = useCharts(store, (s) => s.lines);
  const { updatePanel, removePanel } = store.getState();
  // a panel kept from before may name metrics these runs lack: still offered, so they can be unticked
  const offered = useMemo(() => [...new Set([...metricKeys, ...keys])], [metricKeys, keys]);

  useEffect(() => {
    if (!seen || !box.current || !runIds.length) return;
    for (const key of keys) void store.getState().ensure(key, pointsFor(box.current.clientWidth));
  }, [seen, store, keys, runIds]);

  const settings = useMemo(() => panelSettings(panel, shared), [panel, shared]);
  const lines = useMemo(() => panelLines(panel, runs, (key) => mergedLines(lineStates[key], runIds), settings), [panel, runs, lineStates, runIds, settings]);
  const option = useMemo(
    () => lineChartOption({ metricKey: panel.id, lines, settings, theme, zoom: null, ...(panel.xMetric ? { xMetric: panel.xMetric } : {}) }),
    [panel, lines, settings, theme],
  );
  const width = () => box.current?.clientWidth ?? 600;
  const exportOption = () =>
    lineChartOption({ metricKey: title, lines, settings, theme, zoom: null, forExport: true, width: width(), ...(panel.xMetric ? { xMetric: panel.xMetric } : {}) });
  const loading = keys.some((k) => lineStates[k]?.status === 'loading');
  const failed = keys.map((k) => lineStates[k]).find((l) => l?.status === 'error');

  const toggleMetric = (key: string) => {
    const has = panel.metrics.includes(key);
    const metrics = has ? panel.metrics.filter((m) => m !== key) : [...panel.metrics, key].slice(0, MAX_PANEL_METRICS);
    if (metrics.length) updatePanel(panel.id, { metrics });
  };
  const title = `${panel.metrics.join(', ')} vs ${panel.xMetric ?? { step: 'step', wall: 'wall time', relative: 'relative time' }[panel.xMode]}`;

  return (
    <div ref={box} className="metric-chart panel-chart" data-testid="chart-panel" data-panel-id={panel.id} data-chart-kind="line" data-x={panelXValue(panel)} data-metrics={panel.metrics.join('|')}>
      <div className="panel-chart-head">
        <span className="metric-chart-title" title={title}>{title}</span>
        <details className="panel-metrics">
          <summary>Metrics ({panel.metrics.length})</summary>
          <div className="panel-metrics-list" role="group" aria-label="Metrics of this chart">
            {offered.map((k) => (
              <label key={k} title={k}>
                <input type="checkbox" checked={panel.metrics.includes(k)} onChange={() => toggleMetric(k)} data-testid="panel-metric" value={k} /> {k}
              </label>
            ))}
          </div>
        </details>
        <label>
          X{' '}
          <select value={panelXValue(panel)} onChange={(e) => updatePanel(panel.id, panelXPatch(e.target.value))} aria-label="X-axis of this chart" data-testid="panel-x">
            <option value="step">Step</option>
            <option value="wall">Wall time</option>
            <option value="relative">Relative time</option>
            <optgroup label="Another metric (same step)">
              {offered.map((k) => <option key={k} value={`metric:${k}`}>{k}</option>)}
            </optgroup>
          </select>
        </label>
        <label>
          Smoothing{' '}
          <select
            value={panel.smoothing === null ? 'shared' : String(panel.smoothing)}
            onChange={(e) => updatePanel(panel.id, { smoothing: e.target.value === 'shared' ? null : Number(e.target.value) })}
            aria-label="Smoothing of this chart"
            data-testid="panel-smoothing"
          >
            <option value="shared">Shared ({shared.smoothing.toFixed(2)})</option>
            {SMOOTHINGS.map((v) => <option key={v} value={String(v)}>{v === 0 ? 'Off' : v.toFixed(2)}</option>)}
          </select>
        </label>
        <label>
          Scale{' '}
          <select
            value={panel.logY === null ? 'shared' : panel.logY ? 'log' : 'linear'}
            onChange={(e) => updatePanel(panel.id, { logY: e.target.value === 'shared' ? null : e.target.value === 'log' })}
            aria-label="Y scale of this chart"
            data-testid="panel-scale"
          >
            <option value="shared">Shared ({shared.logY ? 'log' : 'linear'})</option>
            <option value="linear">Linear</option>
            <option value="log">Log</option>
          </select>
        </label>
        {loading && <span className="muted">Loading…</span>}
        {!loading && !failed && seen && lines.length === 0 && <span className="muted">{panel.xMetric ? 'No steps with both metrics' : 'No points'}</span>}
        <span className="metric-chart-tools panel-tools">
          <button type="button" title="Save as PNG" disabled={!lines.length} onClick={() => exportPng(exportOption(), title, width(), HEIGHT, theme)}>PNG</button>
          <button type="button" title="Save as SVG" disabled={!lines.length} onClick={() => exportSvg(exportOption(), title, width(), HEIGHT)}>SVG</button>
          <button type="button" title="Save the points shown as CSV" disabled={!lines.length} onClick={() => exportCsv(chartCsv(lines, null), title)}>CSV</button>
        </span>
        <button type="button" className="panel-remove" onClick={() => removePanel(panel.id)} aria-label={`Remove the chart of ${title}`} title="Remove this chart">✕</button>
      </div>
      {failed && <p className="error-note">{failed.error ?? 'failed to load'}</p>}
      {seen && <EChart option={option} height={HEIGHT} />}
    </div>
  );
}
