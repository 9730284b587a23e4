import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../app-context';
import { ArtifactBrowser } from '../components/artifacts/ArtifactBrowser';
import { RunCharts } from '../components/charts/RunCharts';
import { ErrorNote } from '../components/ErrorNote';
import { MissingRun } from '../components/run-page/MissingRun';
import { RunHeader } from '../components/run-page/RunHeader';
import { RunLineage } from '../components/run-page/RunLineage';
import { RunOverview } from '../components/run-page/RunOverview';
import { RegisterModelDialog } from '../components/registry/RegisterModelDialog';
import { ProjectOutputPanel } from '../components/projects/ProjectOutputPanel';
import { RunProjectButton } from '../components/projects/RunProjectButton';
import { rerunOf } from '../state/project-rerun';
import { useExperiments } from '../state/experiments-store';
import { RunSyncLine } from '../components/sync/SyncBadge';
import { SyncActions } from '../components/sync/SyncActions';
import { createRunSyncStore, useRunSync } from '../state/run-sync-store';
import { runChartScope } from '../state/chart-scopes';
import { createRunModelsStore, useRunModels } from '../state/logged-model-run-store';
import { createRunStore, useRun } from '../state/run-store';
import '../components/run-page/run-page.css';

type Tab = 'overview' | 'charts' | 'artifacts';
const TABS: [Tab, string][] = [['overview', 'Overview'], ['charts', 'Charts'], ['artifacts', 'Artifacts']];

/**
 * One run: header facts, parent and children, then tabs for the overview (params, metrics,
 * tags, datasets, models), the metric charts and the artifact browser. Live: the store
 * re-reads on `runs.changed` for this run. The artifact tab stays mounted once opened, so
 * its tree and selection survive tab switches.
 */
export function RunPage({ runId }: { runId: string }) {
  const { api, experiments } = useApp();
  const [store] = useState(() => createRunStore(api, runId));
  useEffect(() => store.getState().watch(), [store]);
  const [syncStore] = useState(() => createRunSyncStore(api));
  useEffect(() => (void syncStore.getState().watch([runId]), syncStore.close), [syncStore, runId]);
  const syncStates = useRunSync(syncStore, (s) => s.states[runId]);
  const run = useRun(store, (s) => s.run);
  const status = useRun(store, (s) => s.status);
  const error = useRun(store, (s) => s.error);
  const parent = useRun(store, (s) => s.parent);
  const children = useRun(store, (s) => s.children);
  const [tab, setTab] = useState<Tab>('overview');
  const [artifactsOpened, setArtifactsOpened] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [runModels] = useState(() => createRunModelsStore(api));
  const registrable = useRunModels(runModels, (s) => s.registrable);
  // re-read the run's models when what they depend on changes, not on every metric logged
  const modelsKey = useMemo(() => (run ? JSON.stringify([run.outputs.model_outputs, run.inputs.model_inputs, run.info.status, run.info.lifecycle_stage]) : null), [run]);
  useEffect(() => {
    if (run && modelsKey !== null) void runModels.getState().load(run);
  }, [modelsKey, runModels]); // the run itself is read through modelsKey: its other changes do not change its models
  useEffect(() => runModels.getState().follow(() => store.getState().run), [runModels, store]);
  // a project run offers Rerun: its project, entry point and params in the Run project dialog
  const rerun = useMemo(() => (run ? rerunOf(run) : null), [run]);
  const experimentName = useExperiments(experiments, (s) => (run ? s.list.find((e) => e.experiment_id === run.info.experiment_id)?.name : undefined));

  if (!run) {
    return (
      <section className="page run-page" data-testid="run-page">
        {status === 'missing' ? <MissingRun runId={runId} /> : status === 'error' ? <ErrorNote message={error ?? 'Could not load the run.'} /> : <p className="muted">Loading run…</p>}
      </section>
    );
  }
  const deleted = run.info.lifecycle_stage === 'deleted';
  const choose = (t: Tab) => {
    setTab(t);
    if (t === 'artifacts') setArtifactsOpened(true);
  };
  return (
    <section className="page run-page" data-testid="run-page">
      <RunHeader run={run} />
      <RunSyncLine states={syncStates} />
      {/* whether Register is offered, once known: for tests and tools reading the page */}
      <div className="run-actions" data-register={deleted ? 'deleted' : registrable === null ? 'pending' : registrable ? 'offered' : 'nothing-to-register'}>
        {registrable && !deleted && (
          <button type="button" data-testid="open-register-model" onClick={() => setRegistering(true)}>
            Register model…
          </button>
        )}
        {rerun && !deleted && <RunProjectButton label="Rerun…" testId="run-rerun" title="Run this project again, with these parameters to start from" rerun={rerun} {...(experimentName ? { experimentName } : {})} />}
        <SyncActions
          what={{ runIds: [runId] }}
          pull={false}
          testId="run-sync-actions"
          note="Pushes this run, with the runs it is nested under."
        />
      </div>
      {registering && !deleted && <RegisterModelDialog runId={runId} experimentId={run.info.experiment_id} onClose={() => setRegistering(false)} />}
      {error && <ErrorNote message={error} />}
      <ProjectOutputPanel runId={runId} />
      <RunLineage parent={parent} children={children} />
      <div className="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} data-testid={`run-tab-${id}`} onClick={() => choose(id)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'overview' && <RunOverview run={run} store={store} runModels={runModels} />}
      {tab === 'charts' && <RunCharts runs={[run]} scope={runChartScope(runId)} />}
      {artifactsOpened && (
        <div hidden={tab !== 'artifacts'}>
          <ArtifactBrowser runId={runId} running={run.info.status === 'RUNNING'} />
        </div>
      )}
    </section>
  );
}
