import type { ReactNode } from 'react';
import type { XMode } from './chart-types';
import { type ChartsStore, useCharts } from './charts-store';

const X_MODES: { value: XMode; label: string }[] = [
  { value: 'step', label: 'Step' },
  { value: 'wall', label: 'Wall time' },
  { value: 'relative', label: 'Relative time' },
];

/** The settings every chart of a RunCharts shares: x-axis, smoothing, log scale, outliers, a filter on metric keys; `children` at the end. */
export function ChartControls({ store, children }: { store: ChartsStore; children?: ReactNode }) {
  const settings = useCharts(store, (s) => s.settings);
  const filter = useCharts(store, (s) => s.filter);
  const { setSettings: set, setFilter } = store.getState();
  return (
    <div className="chart-controls" role="toolbar" aria-label="Chart settings" title="Ctrl+scroll to zoom a chart, drag to pan">
      <input type="search" placeholder="Filter metrics" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter metrics" />
      <label>
        X-axis{' '}
        <select value={settings.xMode} onChange={(e) => set({ xMode: e.target.value as XMode })} data-testid="chart-x-mode">
          {X_MODES.map((m) => (
            <option key={m.value} value={m.value}>{m.label}</option>
          ))}
        </select>
      </label>
      <label className="chart-smoothing">
        Smoothing
        <input type="range" min={0} max={0.99} step={0.01} value={settings.smoothing} onChange={(e) => set({ smoothing: Number(e.target.value) })} aria-label="Smoothing" data-testid="chart-smoothing" />
        <output>{settings.smoothing.toFixed(2)}</output>
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.logY} onChange={(e) => set({ logY: e.target.checked })} /> Log scale
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.ignoreOutliers} onChange={(e) => set({ ignoreOutliers: e.target.checked })} /> Ignore outliers
      </label>
      <span className="muted chart-hint">Ctrl+scroll to zoom, drag to pan</span>
      {children && <span className="chart-controls-end">{children}</span>}
    </div>
  );
}
