import type { RunRef } from '../../../shared/ipc/contract-types';
import { formatRoute } from '../../state/route';

/** A run shown by its name (its id when it has none), linked to its page; a deleted one says so. */
export function RunRefLink({ run, testId }: { run: RunRef; testId?: string }) {
  return (
    <span className="run-ref">
      <a href={formatRoute({ page: 'run', runId: run.runId })} data-testid={testId} title={run.runId}>{run.name || run.runId}</a>
      {run.deleted && <span className="muted"> (deleted)</span>}
    </span>
  );
}
