import { useState } from 'react';
import { useApp } from '../../app-context';
import { jobRate } from '../../state/job-rate';
import { useJobs } from '../../state/jobs-store';
import { JobCard } from './JobCard';
import './sync.css';

/**
 * Long jobs (push, pull, import, export), over every page (app-level state fed by `jobs.changed`): the app keeps
 * working while they run. Ended jobs stay until closed; the panel folds to one line.
 */
export function ProgressPanel() {
  const { jobs } = useApp();
  const all = useJobs(jobs, (s) => s.jobs);
  const samples = useJobs(jobs, (s) => s.samples);
  const dismissed = useJobs(jobs, (s) => s.dismissed);
  const startError = useJobs(jobs, (s) => s.startError);
  const [folded, setFolded] = useState(false);
  const shown = all.filter((j) => j.state === 'running' || !dismissed.has(j.id)).reverse();
  if (!shown.length && !startError) return null;
  const running = shown.filter((j) => j.state === 'running').length;
  const st = jobs.getState();
  return (
    <aside className="progress-panel" aria-label="Jobs" data-testid="progress-panel">
      <header className="progress-head">
        <button type="button" className="progress-fold" onClick={() => setFolded((f) => !f)} aria-expanded={!folded}>
          {folded ? '▸' : '▾'} Jobs {running ? `· ${running} running` : ''}
        </button>
        {!running && (
          <button type="button" className="job-dismiss" title="Close all" aria-label="Close all" onClick={() => (shown.forEach((j) => st.dismiss(j.id)), st.clearStartError())}>×</button>
        )}
      </header>
      {!folded && (
        <ul className="progress-jobs">
          {startError && (
            <li className="job-card job-error" data-testid="job-start-error">
              <div className="job-head">
                <span className="job-line">{startError}</span>
                <button type="button" className="job-dismiss" onClick={() => st.clearStartError()} aria-label="Close">×</button>
              </div>
            </li>
          )}
          {shown.map((job) => (
            <JobCard key={job.id} job={job} rate={jobRate(samples[job.id] ?? [], job.progress)} onCancel={() => void st.cancel(job.id)} onDismiss={() => st.dismiss(job.id)} />
          ))}
        </ul>
      )}
    </aside>
  );
}
