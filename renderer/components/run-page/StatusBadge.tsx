import type { RunStatus } from '../../../shared/domain/tracking';

/** A run's status as a coloured pill. */
export function StatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <span className={`status-badge status-${status.toLowerCase()}`} data-testid={testId}>
      {status === 'RUNNING' && <span className="pulse" aria-hidden="true" />}
      {status.toLowerCase()}
    </span>
  );
}
