import { useApp } from '../../app-context';
import type { JobView } from '../../../shared/ipc/sync-types';
import { jobRate, type RateSample } from '../../state/job-rate';
import { useJobs } from '../../state/jobs-store';
import { JobCard } from '../sync/JobCard';
import { useReveal } from './use-reveal';

/** The dialog's job as the progress panel shows it (the same card, with Cancel). */
export function TransferProgress({ jobId, label }: { jobId: string | null; label: string }) {
  const { jobs } = useApp();
  const job = useJobs(jobs, (s) => s.jobs.find((j) => j.id === jobId));
  const samples = useJobs(jobs, (s) => (jobId ? s.samples[jobId] : undefined));
  const ref = useReveal<HTMLDivElement>();
  return (
    <div ref={ref}>
      {job ? <JobProgress job={job} samples={samples} /> : <p className="transfer-waiting muted" data-testid="transfer-progress">{label}</p>}
    </div>
  );
}

function JobProgress({ job, samples }: { job: JobView; samples: RateSample[] | undefined }) {
  const { jobs } = useApp();
  return (
    <ul className="transfer-progress" data-testid="transfer-progress">
      <JobCard job={job} rate={jobRate(samples ?? [], job.progress)} onCancel={() => void jobs.getState().cancel(job.id)} onDismiss={() => undefined} />
    </ul>
  );
}
