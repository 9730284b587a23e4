import type { JobView } from '../../shared/ipc/sync-types';
import type { JobsStore } from './jobs-store';

/**
 * Resolves with a job's view once it has ended, as the jobs store (fed by `jobs.changed`) sees it.
 * `started` is the view its start answered with: a job that ended at once is done already.
 */
export function waitForJobEnd(jobs: JobsStore, started: JobView): Promise<JobView> {
  if (started.state !== 'running') return Promise.resolve(started);
  return new Promise((resolve) => {
    const check = (list: JobView[]) => {
      const job = list.find((j) => j.id === started.id);
      if (!job || job.state === 'running') return false;
      unsubscribe();
      resolve(job);
      return true;
    };
    const unsubscribe = jobs.subscribe((s) => void check(s.jobs));
    if (!check(jobs.getState().jobs)) void jobs.getState().refresh(); // an end event missed while subscribing shows in the list
  });
}

/**
 * The one line that says why a job failed: its one problem when it has one (the engine's words,
 * e.g. "wrong passphrase for this bundle; nothing was written"), else its summary without the
 * runner's "import failed: " prefix. First letter capitalised: it starts a sentence in the dialog.
 */
export function failureOf(job: JobView): string {
  const problems = job.outcome?.problems ?? [];
  const summary = (job.outcome?.summary ?? '').replace(new RegExp(`^${job.kind} failed: `), '');
  const line = (problems.length === 1 ? problems[0]!.message : summary) || summary || `${job.kind} failed`;
  return line.charAt(0).toUpperCase() + line.slice(1);
}
