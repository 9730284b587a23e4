import { useMemo, useState } from 'react';
import type { Metric } from '../../../shared/domain/tracking';
import { formatDate, formatRelative } from '../format-date';
import { formatMetricValue } from './run-facts';

/**
 * The latest value of each metric, with its step and time. NaN and infinities show as words.
 * The number columns have fixed widths, so a long metric key wraps instead of pushing them away.
 */
export function MetricsTable({ metrics }: { metrics: Metric[] | undefined }) {
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const q = query.toLowerCase();
    return [...(metrics ?? [])].sort((a, b) => a.key.localeCompare(b.key)).filter((m) => !q || m.key.toLowerCase().includes(q));
  }, [metrics, query]);
  const total = metrics?.length ?? 0;
  return (
    <section className="run-section" data-testid="run-metrics">
      <div className="section-head">
        <h2>Metrics ({total})</h2>
        {total > 8 && <input type="search" placeholder="Filter" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Filter metrics" />}
      </div>
      {total === 0 ? (
        <p className="muted">No metrics logged.</p>
      ) : (
        <table className="kv-table wide">
          <colgroup>
            <col />
            <col className="latest-col" />
            <col className="step-col" />
            <col className="logged-col" />
          </colgroup>
          <thead>
            <tr>
              <th>Metric</th>
              <th className="num">Latest</th>
              <th className="num">Step</th>
              <th className="logged">Logged</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.key}>
                <th>{m.key}</th>
                <td className="num" title={String(m.value as unknown)}>{formatMetricValue(m.value as number | string | null)}</td>
                <td className="num" title={String(m.step)}>{m.step}</td>
                <td className="muted logged" title={formatRelative(m.timestamp, Date.now())}>{formatDate(m.timestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
