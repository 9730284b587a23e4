import type { Run } from '../../../shared/domain/tracking';
import { type ChartsStore, useCharts } from './charts-store';
import { ParallelCoordinates } from './ParallelCoordinates';
import { ScatterPlot } from './ScatterPlot';

/** The collapsed-sections entry of the sweep charts. */
export const SWEEP_SECTION = '\u0000sweep';

/** Parallel coordinates and a scatter of the charted runs: how params relate to the metric sorted on. */
export function SweepCharts({ runs, sortedMetric, store }: { runs: Run[]; sortedMetric: string | null; store: ChartsStore }) {
  const collapsed = useCharts(store, (s) => s.collapsed[SWEEP_SECTION] ?? false);
  return (
    <section className="chart-section" data-testid="sweep-charts">
      <h3>
        <button type="button" aria-expanded={!collapsed} onClick={() => store.getState().toggleSection(SWEEP_SECTION)}>
          <span className="chart-caret">{collapsed ? '▸' : '▾'}</span> Params and {sortedMetric ?? 'metrics'} <span className="muted">(parallel coordinates, scatter)</span>
        </button>
      </h3>
      {!collapsed && (
        <div className="sweep-grid">
          <ParallelCoordinates runs={runs} sortedMetric={sortedMetric} />
          <ScatterPlot runs={runs} sortedMetric={sortedMetric} />
        </div>
      )}
    </section>
  );
}
