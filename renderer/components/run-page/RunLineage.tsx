import type { Run } from '../../../shared/domain/tracking';
import { RunSwatch } from '../run-colors/RunSwatch';
import type { RunState } from '../../state/run-store';
import { StatusBadge } from './StatusBadge';

const runHref = (id: string) => `#/runs/${encodeURIComponent(id)}`;

/** The parent run (from the `mlflow.parentRunId` tag) and the runs nested under this one. */
export function RunLineage({ parent, children }: { parent: RunState['parent']; children: Run[] }) {
  if (!parent && children.length === 0) return null;
  return (
    <section className="run-section run-lineage" data-testid="run-lineage">
      {parent && (
        <p>
          <span className="muted">Parent run </span>
          <a href={runHref(parent.runId)} data-testid="run-parent-link">{parent.name ?? parent.runId}</a>
          {parent.name === null && <span className="muted"> (not found)</span>}
        </p>
      )}
      {children.length > 0 && (
        <>
          <h2>Child runs ({children.length})</h2>
          <ul className="child-runs">
            {children.map((c) => (
              <li key={c.info.run_id}>
                <RunSwatch runId={c.info.run_id} />
                <a href={runHref(c.info.run_id)} data-testid="run-child-link">{c.info.run_name || c.info.run_id}</a>
                <StatusBadge status={c.info.status} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
