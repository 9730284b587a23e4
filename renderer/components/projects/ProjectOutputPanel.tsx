import { useEffect, useState } from 'react';
import { useApp } from '../../app-context';
import { launchesFor } from '../../state/project-port';
import { useLaunches } from '../../state/project-launch-store';
import { OUTPUT_ARTIFACT, readKeptOutput } from '../../state/project-output-artifact';
import type { LogBuffer } from '../../state/project-log-buffer';
import { LogView } from './LogView';
import './projects.css';

const STATE_LABEL = { running: 'Running', succeeded: 'Finished', failed: 'Failed', cancelled: 'Cancelled' } as const;

/**
 * On a run's page, while (and after) a project runs into it from this window: the command's
 * output as it streams, its state, and Cancel (the whole process group stops; the run ends KILLED).
 */
export function ProjectOutputPanel({ runId }: { runId: string }) {
  const { api } = useApp();
  const [launches] = useState(() => launchesFor(api));
  const launch = useLaunches(launches, (s) => s.launches[runId]);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // output that did not stream here (the run started before this window listened): the whole of it, read back once it ended
  const [kept, setKept] = useState<LogBuffer | null>(null);
  const ended = launch !== undefined && launch.state !== 'running';
  const streamed = launch?.streamed ?? false;
  useEffect(() => {
    if (!ended || streamed) return;
    let live = true;
    // the artifact is written as the run ends: a moment after the job's end event
    const timer = setTimeout(() => void readKeptOutput(api, runId).then((log) => live && setKept(log), () => undefined), 500);
    return () => ((live = false), clearTimeout(timer));
  }, [api, runId, ended, streamed]);
  if (!launch) return null;
  const running = launch.state === 'running';
  const cancel = () => {
    setCancelling(true);
    launches.getState().cancel(runId).then(
      () => setError(null),
      (e: Error) => (setError(e.message), setCancelling(false)),
    );
  };
  return (
    <section className={`project-output state-${launch.state}`} data-testid="project-output" data-state={launch.state} data-log-source={kept ? 'artifact' : streamed ? 'events' : 'none'} aria-label="Project output">
      <header className="project-output-head">
        <h2>Project output</h2>
        <span className="project-output-state" data-testid="project-output-state">
          {STATE_LABEL[launch.state]}
          {launch.summary && launch.state === 'failed' ? `: ${launch.summary}` : ''}
        </span>
        {running && (
          <button type="button" onClick={cancel} disabled={cancelling || !launch.jobId} data-testid="project-cancel" title="Stop the project's processes; the run ends KILLED">
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
      </header>
      {error && <p className="error-note" role="alert">{error}</p>}
      <LogView log={kept ?? launch.log} testId="project-log" label="Output of the project's command" keptIn={`the run's ${OUTPUT_ARTIFACT} artifact`} empty={running ? 'Waiting for output…' : 'The command wrote nothing.'} />
    </section>
  );
}
