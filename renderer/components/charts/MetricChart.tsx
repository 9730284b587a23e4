import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { ErrorNote } from '../ErrorNote';
import { barChartOption } from './chart-options-bar';
import { lineChartOption } from './chart-options-line';
import { chartCsv } from './chart-csv';
import { exportCsv, exportPng, exportSvg } from './chart-export';
import type { ChartTheme, RunMeta } from './chart-types';
import { isOwnZoomEvent, zoomFromEvent } from './chart-zoom';
import { type ChartsStore, useCharts } from './charts-store';
import { EChart, type EChartInstance } from './EChart';
import { plotLines } from './plot-lines';
import { pointsFor } from './series-fetch';
import { mergedLines } from './series-merge';
import { singleValueBars } from './single-value';
import { useSeenOnce } from './use-visible';

const HEIGHT = 260;
const ZOOM_SETTLE_MS = 300;

interface Props {
  metricKey: string;
  store: ChartsStore;
  runs: RunMeta[];
  group: string;
  theme: ChartTheme;
}

/** One metric: fetched when it nears the viewport, a line per run, zoom re-read at full resolution, PNG/SVG/CSV export. */
export function MetricChart({ metricKey, store, runs, group, theme }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const seen = useSeenOnce(box);
  const line = useCharts(store, (s) => s.lines[metricKey]);
  const settings = useCharts(store, (s) => s.settings);
  const runIds = useCharts(store, (s) => s.runIds);

  useEffect(() => {
    if (seen && box.current && runIds.length) void store.getState().ensure(metricKey, pointsFor(box.current.clientWidth));
  }, [seen, store, metricKey, runIds]);

  const merged = useMemo(() => mergedLines(line, runIds), [line, runIds]);
  const lines = useMemo(() => plotLines(runs, merged, settings), [runs, merged, settings]);
  const zoom = line?.zoom ?? null;
  // a metric each run logged once is a bar per run, not a dot at step 0
  const bars = useMemo(() => (line?.status === 'ready' ? singleValueBars(runs, merged) : null), [line?.status, runs, merged]);
  const option = useMemo(
    () => (bars ? barChartOption({ metricKey, bars, theme, logY: settings.logY }) : lineChartOption({ metricKey, lines, settings, theme, zoom })),
    [bars, metricKey, lines, settings, theme, zoom],
  );

  // The echarts handler is bound once; it reads the current lines through this ref.
  const current = useRef({ merged, runs, settings, drawn: false, hasData: false });
  useLayoutEffect(() => {
    current.current = { ...current.current, merged, runs, settings, hasData: lines.length > 0 && line?.status === 'ready' };
  });
  const onInstance = useCallback(
    (c: EChartInstance | null) => {
      if (!c) return;
      let timer: ReturnType<typeof setTimeout> | null = null;
      // For benchmarks and tests: a Performance API mark when this chart first draws all its lines.
      c.on('finished', () => {
        if (current.current.drawn || !current.current.hasData) return;
        current.current.drawn = true;
        performance.mark('sextant:chart-drawn', { detail: { metricKey } });
      });
      c.on('datazoom', (event) => {
        if (!isOwnZoomEvent(event, metricKey)) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          const { merged: m, runs: r, settings: s } = current.current;
          const starts = Object.fromEntries(r.map((run) => [run.id, run.startTime]));
          const win = zoomFromEvent(event, Object.values(m), s.xMode, starts);
          if (win !== undefined && !c.isDisposed()) void store.getState().zoom(metricKey, win);
        }, ZOOM_SETTLE_MS);
      });
    },
    [store, metricKey],
  );

  const total = lines.reduce((n, l) => n + (merged[l.run.id]?.total ?? 0), 0);
  const shown = lines.reduce((n, l) => n + l.x.length, 0);
  const width = () => box.current?.clientWidth ?? 600;

  const exportOption = () =>
    bars ? barChartOption({ metricKey, bars, theme, logY: settings.logY, forExport: true }) : lineChartOption({ metricKey, lines, settings, theme, zoom, forExport: true, width: width() });

  return (
    <div ref={box} className="metric-chart" aria-label={`Chart of ${metricKey}`} data-metric-key={metricKey} data-chart-kind={bars ? 'bar' : 'line'} style={{ minHeight: HEIGHT }}>
      <div className="metric-chart-head">
        {/* long keys end in an ellipsis before the buttons; the whole key shows on hover */}
        <span className="metric-chart-title" title={metricKey}>{metricKey}</span>
        {seen && line && line.status !== 'error' && (
          <div className="metric-chart-tools">
            {line.status === 'loading' && <span className="muted">Loading…</span>}
            {line.status === 'ready' && !lines.some((l) => l.raw.some((v) => v !== null)) && (
              <span className="muted">{lines.length ? (settings.logY ? 'No positive values' : 'Only NaN/Inf values') : 'No points'}</span>
            )}
            <span className="muted" title={`${shown.toLocaleString()} points drawn of ${total.toLocaleString()} logged`}>
              {total > shown ? 'downsampled' : ''}
            </span>
            {bars && <span className="muted" title="Each run logged this metric once">one value per run</span>}
            {zoom && <button type="button" onClick={() => void store.getState().zoom(metricKey, null)}>Reset zoom</button>}
            <button type="button" title="Save as PNG" disabled={!lines.length} onClick={() => exportPng(exportOption(), metricKey, width(), HEIGHT, theme)}>PNG</button>
            <button type="button" title="Save as SVG" disabled={!lines.length} onClick={() => exportSvg(exportOption(), metricKey, width(), HEIGHT)}>SVG</button>
            <button type="button" title="Save the points shown as CSV" disabled={!lines.length} onClick={() => exportCsv(chartCsv(lines, zoom?.x ?? null), metricKey)}>CSV</button>
          </div>
        )}
      </div>
      {seen && line?.status === 'error' && (
        <div className="metric-chart-error">
          <ErrorNote message={`${metricKey}: ${line.error ?? 'failed to load'}`} />
          <button type="button" onClick={() => box.current && void store.getState().ensure(metricKey, pointsFor(box.current.clientWidth))}>Retry</button>
        </div>
      )}
      {seen && line && line.status !== 'error' && <EChart option={option} height={HEIGHT} group={group} onInstance={onInstance} />}
    </div>
  );
}
