import type { Run } from '../../../shared/domain/tracking';
import { useApp } from '../../app-context';
import { useExperiments } from '../../state/experiments-store';
import { RunSwatch } from '../run-colors/RunSwatch';
import { When } from '../When';
import { formatDuration, runDuration, runSource, tagValue } from './run-facts';
import { StatusBadge } from './StatusBadge';
import { useNow } from './use-now';

/** Name, colour, status and the facts of a run: experiment, times, user, source. */
export function RunHeader({ run }: { run: Run }) {
  const { experiments } = useApp();
  const { info } = run;
  const expName = useExperiments(experiments, (s) => s.list.find((e) => e.experiment_id === info.experiment_id)?.name);
  const now = useNow(info.status === 'RUNNING');
  const duration = runDuration(info, now);
  const src = runSource(run.data.tags);
  const user = info.user_id || tagValue(run.data.tags, 'mlflow.user') || '—';

  return (
    <header className="run-header">
      <div className="run-title">
        <RunSwatch runId={info.run_id} large />
        <h1 data-testid="run-name">{info.run_name || info.run_id}</h1>
        <StatusBadge status={info.status} testId="run-status" />
        {info.lifecycle_stage === 'deleted' && <span className="status-badge status-deleted">deleted</span>}
      </div>
      <dl className="run-facts">
        <div>
          <dt>Experiment</dt>
          <dd>
            <a href={`#/experiments/${encodeURIComponent(info.experiment_id)}`} data-testid="run-experiment-link">{expName ?? info.experiment_id}</a>
          </dd>
        </div>
        <div className="run-id">
          <dt>Run ID</dt>
          <dd>
            <code>{info.run_id}</code>
            <button type="button" className="copy" title="Copy the run ID" onClick={() => void navigator.clipboard?.writeText(info.run_id)}>Copy</button>
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd><When ms={info.start_time} fallback="—" /></dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{info.status === 'RUNNING' ? <span className="muted">still running</span> : <When ms={info.end_time} fallback="—" />}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="run-duration">{duration === null ? '—' : formatDuration(duration)}</dd>
        </div>
        <div>
          <dt>User</dt>
          <dd>{user}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd title={src.name}>
            {src.name ?? '—'}
            {src.type && <span className="muted"> ({src.type.toLowerCase()})</span>}
          </dd>
        </div>
        {src.commit && (
          <div>
            <dt>Git</dt>
            <dd title={[src.repoUrl, src.branch, src.commit].filter(Boolean).join(' · ')}>
              <code>{src.commit.slice(0, 10)}</code>
              {src.branch && <span className="muted"> on {src.branch}</span>}
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}
