import type { JobView } from '../../../shared/ipc/sync-types';
import { formatBytes, formatEta, type JobRate } from '../../state/job-rate';
import { progressFraction, summarizeJob } from './job-summary';

interface Props {
  job: JobView;
  rate: JobRate;
  onCancel(): void;
  onDismiss(): void;
}

const n = (x: number) => x.toLocaleString();

/** One job in the progress panel: title, bar, items and bytes, rate and ETA, the current item, problems. */
export function JobCard({ job, rate, onCancel, onDismiss }: Props) {
  const s = summarizeJob(job);
  const p = job.progress;
  const fraction = progressFraction(job);
  const running = job.state === 'running';
  const counts = [
    // jobs that count no items (a project run, a model server) show none
    p.itemsDone || p.itemsTotal !== undefined ? `${n(p.itemsDone)}${p.itemsTotal !== undefined ? ` / ${n(p.itemsTotal)}` : ''} items` : null,
    p.bytesDone || p.bytesTotal ? `${formatBytes(p.bytesDone)}${p.bytesTotal ? ` / ${formatBytes(p.bytesTotal)}` : ''}` : null,
    running && rate.bytesPerSec !== null && rate.bytesPerSec > 0 ? `${formatBytes(rate.bytesPerSec)}/s` : null,
    running && rate.etaSec !== null ? `about ${formatEta(rate.etaSec)} left` : null,
  ].filter(Boolean);
  return (
    <li className={`job-card job-${s.tone}`} data-testid="job-card" data-job-state={job.state} data-job-tone={s.tone}>
      <div className="job-head">
        <strong className="job-title" title={job.title}>{job.title}</strong>
        {running ? (
          <button type="button" onClick={onCancel} data-testid="job-cancel">Cancel</button>
        ) : (
          <button type="button" className="job-dismiss" onClick={onDismiss} title="Close" aria-label="Close">×</button>
        )}
      </div>
      {running && (
        <div className={`job-bar${fraction === null ? ' indeterminate' : ''}`} role="progressbar" aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)} aria-valuemin={0} aria-valuemax={100}>
          <span style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
        </div>
      )}
      <p className="job-line" data-testid="job-line" title={s.line}>{s.line}</p>
      {(running || s.tone === 'ok') && <p className="job-counts muted">{counts.join(' · ')}</p>}
      {s.problems.length > 0 && (
        <ul className="job-problems" data-testid="job-problems">
          {s.problems.slice(0, 20).map((pr, i) => (
            <li key={i}>
              <code title={pr.item}>{pr.item}</code> {pr.message}
            </li>
          ))}
          {s.problems.length > 20 && <li className="muted">and {n(s.problems.length - 20)} more</li>}
        </ul>
      )}
    </li>
  );
}
