import type { Metric } from '../../../shared/domain/tracking';
import type { RunRef } from '../../../shared/ipc/contract-types';
import { formatMetricValue } from '../run-page/run-facts';
import { RunRefLink } from './RunRefLink';

/** A logged model's metrics: each value with its step, the dataset it was measured on and the run that logged it. */
export function ModelMetricsTable({ metrics, runs }: { metrics: readonly Metric[]; runs: ReadonlyMap<string, RunRef> }) {
  if (metrics.length === 0) return <p className="muted">No metrics logged for this model.</p>;
  const rows = [...metrics].sort((a, b) => a.key.localeCompare(b.key) || (a.dataset_name ?? '').localeCompare(b.dataset_name ?? '') || a.step - b.step);
  return (
    <table className="reg-table" data-testid="logged-model-metrics">
      <thead>
        <tr><th>Metric</th><th className="num">Value</th><th className="num">Step</th><th>Dataset</th><th>Run</th></tr>
      </thead>
      <tbody>
        {rows.map((m, i) => {
          const run = m.run_id ? runs.get(m.run_id) : undefined;
          return (
            <tr key={`${m.key}-${m.step}-${m.timestamp}-${i}`}>
              <th className="wrap">{m.key}</th>
              <td className="num" title={String(m.value as unknown)}>{formatMetricValue(m.value as number | string | null)}</td>
              <td className="num">{m.step}</td>
              <td className="wrap">{m.dataset_name ?? <span className="muted">—</span>}</td>
              <td className="wrap">{run ? <RunRefLink run={run} /> : m.run_id ? <code>{m.run_id.slice(0, 12)}</code> : <span className="muted">—</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
