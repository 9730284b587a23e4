import { useEffect } from 'react';
import { useApp } from '../app-context';
import { LoggingSnippet } from '../components/LoggingSnippet';
import { RunProjectButton } from '../components/projects/RunProjectButton';
import { useAppInfo } from '../state/app-info-store';
import { useExperiments } from '../state/experiments-store';

/** With experiments: opens the most recently updated one. Without: how to log the first run. */
export function HomePage() {
  const { experiments, appInfo, route } = useApp();
  const list = useExperiments(experiments, (s) => s.list);
  const info = useAppInfo(appInfo, (s) => s.info);
  const first = list.find((e) => e.lifecycle_stage === 'active');
  useEffect(() => {
    if (first) route.getState().navigate({ page: 'experiment', experimentId: first.experiment_id });
  }, [first, route]);
  if (first || !info) return null;
  return (
    <section className="page">
      <h1>Welcome to Sextant</h1>
      <LoggingSnippet trackingUri={info.trackingUri} experimentName="my-experiment" />
      <p>
        Or run an MLflow project (a folder or git repository with an MLproject file): <RunProjectButton testId="home-run-project" />
      </p>
    </section>
  );
}
