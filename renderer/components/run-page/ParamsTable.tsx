import { useMemo, useState } from 'react';
import type { KeyValue } from '../../../shared/domain/tracking';
import { KeyValueTable } from './KeyValueTable';

/**
 * The run's params, sorted by key, with a filter once there are many. Values are React text;
 * long keys and values wrap within the column (see run-page.css).
 */
export function ParamsTable({ params }: { params: KeyValue[] | undefined }) {
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const q = query.toLowerCase();
    return [...(params ?? [])].sort((a, b) => a.key.localeCompare(b.key)).filter((p) => !q || p.key.toLowerCase().includes(q) || p.value.toLowerCase().includes(q));
  }, [params, query]);
  const total = params?.length ?? 0;
  return (
    <section className="run-section" data-testid="run-params">
      <div className="section-head">
        <h2>Parameters ({total})</h2>
        {total > 8 && <input type="search" placeholder="Filter" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Filter parameters" />}
      </div>
      {total === 0 ? (
        <p className="muted">No parameters logged.</p>
      ) : (
        <KeyValueTable rows={rows} />
      )}
    </section>
  );
}
