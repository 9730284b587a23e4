import type { ChartTheme, RunMeta } from './chart-types';
import { type ChartsStore, useCharts } from './charts-store';
import type { MetricSection } from './metric-keys';
import { MetricChart } from './MetricChart';

/** A collapsible group of charts sharing a key prefix; collapsed sections render (and fetch) nothing. */
export function ChartSection({ section, store, runs, group, theme }: { section: MetricSection; store: ChartsStore; runs: RunMeta[]; group: string; theme: ChartTheme }) {
  const collapsed = useCharts(store, (s) => s.collapsed[section.prefix] ?? false);
  return (
    <section className="chart-section" data-testid="chart-section">
      <h3>
        <button type="button" aria-expanded={!collapsed} onClick={() => store.getState().toggleSection(section.prefix)}>
          <span className="chart-caret">{collapsed ? '▸' : '▾'}</span> {section.label} <span className="muted">({section.keys.length})</span>
        </button>
      </h3>
      {!collapsed && (
        <div className="chart-grid">
          {section.keys.map((key) => (
            <MetricChart key={key} metricKey={key} store={store} runs={runs} group={group} theme={theme} />
          ))}
        </div>
      )}
    </section>
  );
}
