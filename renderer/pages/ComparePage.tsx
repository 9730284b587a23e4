import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import { ErrorNote } from '../components/ErrorNote';
import { compareChartScope } from '../state/chart-scopes';
import { createCompareStore, MAX_COMPARE, useCompare } from '../components/charts/compare-store';
import { DiffTable } from '../components/charts/DiffTable';
import { ParallelCoordinates } from '../components/charts/ParallelCoordinates';
import { RunCharts } from '../components/charts/RunCharts';
import { ScatterPlot } from '../components/charts/ScatterPlot';
import './ComparePage.css';

/** 2 to 100 runs side by side: what differs, their metrics overlaid, parallel coordinates and a scatter of any two fields. */
export function ComparePage({ runIds }: { runIds: string[] }) {
  const { api } = useApp();
  const [store] = useState(() => createCompareStore(api, runIds));
  const runs = useCompare(store, (s) => s.runs);
  const unknown = useCompare(store, (s) => s.unknown);
  const dropped = useCompare(store, (s) => s.dropped);
  const status = useCompare(store, (s) => s.status);
  const error = useCompare(store, (s) => s.error);

  useEffect(() => {
    void store.getState().load();
    return store.getState().startLive();
  }, [store]);

  return (
    <div className="page compare-page" data-testid="compare-page">
      <h1>Compare {runs.length > 0 ? `${runs.length} run${runs.length === 1 ? '' : 's'}` : 'runs'}</h1>
      {status === 'loading' && <p className="muted">Loading runs…</p>}
      {error && <ErrorNote message={error} />}
      {unknown.length > 0 && (
        <p className="error-note" role="alert" data-testid="unknown-runs">
          No run has the id{unknown.length === 1 ? '' : 's'} {unknown.map((id) => `“${id}”`).join(', ')}. {unknown.length === 1 ? 'It was' : 'They were'} left out.
        </p>
      )}
      {dropped.length > 0 && <p className="muted">Only the first {MAX_COMPARE} runs are compared; {dropped.length} more were left out.</p>}
      {status === 'ready' && runs.length < 2 && (
        <p className="muted" data-testid="compare-needs-two">
          Comparing needs at least two runs. Select runs in an experiment's table and choose Compare.
          {runs.length === 1 && (
            <>
              {' '}
              Or open <a href={`#/runs/${encodeURIComponent(runs[0]!.info.run_id)}`}>{runs[0]!.info.run_name || runs[0]!.info.run_id}</a> on its own.
            </>
          )}
        </p>
      )}
      {runs.length >= 2 && (
        <>
          <section className="compare-block">
            <h2>Params, metrics and tags</h2>
            <DiffTable runs={runs} />
          </section>
          <section className="compare-block">
            <h2>Metrics</h2>
            <RunCharts runs={runs} scope={compareChartScope(runIds)} sweep={false} />
          </section>
          <section className="compare-block">
            <h2>Parallel coordinates</h2>
            <ParallelCoordinates runs={runs} />
          </section>
          <section className="compare-block">
            <h2>Scatter</h2>
            <ScatterPlot runs={runs} />
          </section>
        </>
      )}
    </div>
  );
}
