import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../app-context';
import { RunCharts } from '../components/charts/RunCharts';
import { ErrorNote } from '../components/ErrorNote';
import { LoggingSnippet } from '../components/LoggingSnippet';
import { safeFileName } from '../components/download';
import { ExperimentModels } from '../components/logged-models/ExperimentModels';
import { FilterBar } from '../components/runs-table/FilterBar';
import { knownValues, withAskedValues } from '../components/runs-table/filter-known-values';
import { ExperimentHeader } from '../components/runs-table/header/ExperimentHeader';
import { RunsTable } from '../components/runs-table/RunsTable';
import { chartedRuns, chartedRunsCaption, inTableOrder } from '../components/runs-table/charted-runs';
import { COMPARE_MAX, COMPARE_MIN, RunsToolbar } from '../components/runs-table/RunsToolbar';
import { CopyLinkButton } from '../components/runs-table/CopyLinkButton';
import { useRunsTableModel } from '../components/runs-table/use-runs-table-model';
import { SyncActions } from '../components/sync/SyncActions';
import { RunProjectButton } from '../components/projects/RunProjectButton';
import { useChartedCount } from '../state/chart-count';
import { useAppInfo } from '../state/app-info-store';
import { experimentChartScope } from '../state/chart-scopes';
import { createExperimentHeaderStore, useExperimentHeader } from '../state/runs-experiment-store';
import { createRunSyncStore, useRunSync } from '../state/run-sync-store';
import { useChartedRunObjects } from '../state/charted-run-objects';
import { createKeyValuesStore, useKeyValues } from '../state/key-values-store';
import { createRunsViewStore, useRunsView } from '../state/runs-view-store';
import { mirrorRunsViewToRoute } from '../state/runs-view-link';
import { LINK_SELECTION_MAX, type RunsViewLink } from '../state/runs-view-url';
import { useDeletedExperimentView } from './use-deleted-experiment-view';
import './ExperimentPage.css';

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable);

/** The view the address carries when the page opens, if any (it wins over the saved view). */
function linkedView(route: ReturnType<typeof useApp>['route'], experimentId: string): { view: RunsViewLink | undefined } {
  const r = route.getState().route;
  return { view: r.page === 'experiment' && r.experimentId === experimentId ? r.view : undefined };
}

/** The page for an id the server does not know: says so, and the way back. */
function MissingExperiment({ experimentId }: { experimentId: string }) {
  return (
    <section className="page" data-testid="experiment-missing">
      <h1>No experiment {experimentId}</h1>
      <p>
        There is no experiment with ID <code>{experimentId}</code> here. It may have been deleted for good, or the link came from
        another Sextant or MLflow server.
      </p>
      <p>
        <a href="#/" data-testid="back-to-experiments">Go to the experiments list</a>
      </p>
    </section>
  );
}

/** One experiment: its header, the filter, and its runs as a table or as charts. */
export function ExperimentPage({ experimentId }: { experimentId: string }) {
  const { api, appInfo, route } = useApp();
  // a link's view, read once per page and again when one is pasted into the address bar
  const [opened, setOpened] = useState(() => linkedView(route, experimentId));
  const runsStore = useMemo(() => createRunsViewStore(api, experimentId, opened.view ? { initial: opened.view } : {}), [api, experimentId, opened]);
  const headerStore = useMemo(() => createExperimentHeaderStore(api, experimentId), [api, experimentId]);
  const missing = useExperimentHeader(headerStore, (s) => s.missing);
  useEffect(() => (missing ? undefined : runsStore.getState().connect()), [runsStore, missing]);
  useEffect(() => headerStore.getState().connect(), [headerStore]);
  useEffect(() => mirrorRunsViewToRoute(runsStore, route, experimentId, (view) => setOpened({ view })), [runsStore, route, experimentId]);
  const syncStore = useMemo(() => createRunSyncStore(api), [api]);
  useEffect(() => syncStore.close, [syncStore]);
  const syncStates = useRunSync(syncStore, (s) => s.states);

  const [tab, setTab] = useState<'table' | 'charts' | 'models'>('table');
  const filterRef = useRef<HTMLInputElement>(null);
  const scrollMemo = useRef({ top: 0, left: 0 });
  const model = useRunsTableModel(runsStore);
  const experiment = useExperimentHeader(headerStore, (s) => s.experiment);
  const info = useAppInfo(appInfo, (s) => s.info);
  const status = useRunsView(runsStore, (s) => s.status);
  const error = useRunsView(runsStore, (s) => s.error);
  const actionError = useRunsView(runsStore, (s) => s.actionError);
  const selected = useRunsView(runsStore, (s) => s.selected);
  const sortedMetric = useRunsView(runsStore, (s) => (s.sort?.columnId.startsWith('metrics.') ? s.sort.columnId.slice('metrics.'.length) : null));
  const pinned = useRunsView(runsStore, (s) => s.pinned);
  const unfiltered = useRunsView(runsStore, (s) => s.appliedFilter === '' && s.statusFilter === null && s.lifecycle === 'active');
  const empty = status === 'idle' && model.records.length === 0 && unfiltered;
  // the lines that log here, only where a client can log: a deleted or missing experiment refuses
  const canLog = experiment?.lifecycle_stage === 'active';
  useDeletedExperimentView(runsStore, experiment?.lifecycle_stage ?? null);

  const { records, loaded, shownIds } = model;
  // order-free: a sort keeps the counted values and the watched runs
  // every param's and tag's values, asked of the main process when the filter reaches a value
  const keyValuesStore = useMemo(() => createKeyValuesStore(api, experimentId), [api, experimentId]);
  useEffect(() => keyValuesStore.close, [keyValuesStore]);
  // a new answer makes new knowledge, so the open suggestions list shows it
  const askedValues = useKeyValues(keyValuesStore, (s) => s.values);
  const known = useMemo(() => {
    const asked = (entity: 'params' | 'tags', key: string) => (askedValues[`${entity}.${key}`] ? askedValues[`${entity}.${key}`] : keyValuesStore.getState().valuesOf(entity, key));
    return { keys: model.keys, values: withAskedValues(knownValues(loaded), asked) };
  }, [model.keys, loaded, keyValuesStore, askedValues]);
  const runIds = useMemo(() => loaded.map((r) => r.id), [loaded]);
  useEffect(() => void syncStore.getState().watch(runIds), [syncStore, runIds]);
  const chartedCount = useChartedCount(experimentId);
  const charted = useMemo(() => (tab === 'charts' ? chartedRuns(records, shownIds, selected, pinned, chartedCount) : null), [tab, records, shownIds, selected, pinned, chartedCount]);
  const chartedObjects = useChartedRunObjects(api, experimentId, charted?.ids ?? null);
  const compare = useCallback(() => {
    const ids = inTableOrder(runsStore.getState().selected, shownIds);
    if (ids.length >= COMPARE_MIN && ids.length <= COMPARE_MAX) route.getState().navigate({ page: 'compare', runIds: ids });
  }, [runsStore, shownIds, route]);
  const openRun = useCallback((runId: string) => route.getState().navigate({ page: 'run', runId }), [route]);
  const fileBase = safeFileName(experiment?.name ?? experimentId, 'runs');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (e.key === 'Escape' && !typing(e.target)) runsStore.getState().clearSelection();
      if (typing(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        setTab('table');
        filterRef.current?.focus();
      } else if (e.key === 'c') compare();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runsStore, compare]);

  if (missing) return <MissingExperiment experimentId={experimentId} />;
  return (
    <section className="page experiment-page" data-testid="experiment-page">
      <ExperimentHeader store={headerStore} />
      {experiment && (
        <div className="page-actions">
          {experiment.lifecycle_stage === 'active' && <SyncActions what={{ experiments: [experiment.name] }} testId="experiment-sync" />}
          {experiment.lifecycle_stage === 'active' && <RunProjectButton testId="experiment-run-project" experimentName={experiment.name} />}
          <CopyLinkButton
            link={() => window.location.href}
            title={`Copy a link to this view: filter, sort, columns, grouping and selected runs (up to ${LINK_SELECTION_MAX})`}
            note={() => {
              const n = runsStore.getState().selected.size;
              return n > LINK_SELECTION_MAX ? `The link keeps the first ${LINK_SELECTION_MAX} of the ${n} selected runs.` : null;
            }}
          />
        </div>
      )}
      {error && <ErrorNote message={error} />}
      {actionError && <ErrorNote message={actionError} />}
      {empty ? (
        info && canLog && <LoggingSnippet trackingUri={info.trackingUri} experimentName={experiment.name} />
      ) : (
        <>
          <FilterBar store={runsStore} inputRef={filterRef} known={known} />
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'table'} onClick={() => setTab('table')} data-testid="tab-table">Table</button>
            <button type="button" role="tab" aria-selected={tab === 'charts'} onClick={() => setTab('charts')} data-testid="tab-charts">Charts</button>
            <button type="button" role="tab" aria-selected={tab === 'models'} onClick={() => setTab('models')} data-testid="tab-models">Models</button>
          </div>
          {tab === 'table' ? (
            <>
              <RunsToolbar store={runsStore} model={model} onCompare={compare} fileBase={fileBase} readOnly={experiment?.lifecycle_stage === 'deleted'} />
              {status === 'idle' && model.rows.length === 0 ? (
                <p className="muted" data-testid="no-runs-match">No runs match. Change or clear the filter above.</p>
              ) : (
                <RunsTable store={runsStore} model={model} onOpenRun={openRun} scrollMemo={scrollMemo} syncStates={syncStates} />
              )}
            </>
          ) : tab === 'models' ? (
            <ExperimentModels experimentId={experimentId} />
          ) : (
            <div className="experiment-charts">
              {charted && (
                <>
                  <p className="muted" data-testid="charted-runs">{chartedRunsCaption(charted)}</p>
                  <RunCharts runs={chartedObjects} scope={experimentChartScope(experimentId)} sortedMetric={sortedMetric} />
                </>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
