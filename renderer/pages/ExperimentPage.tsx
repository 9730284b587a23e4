import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Run } from '../../shared/domain/tracking';
import { useApp } from '../app-context';
import { RunCharts } from '../components/charts/RunCharts';
import { ErrorNote } from '../components/ErrorNote';
import { LoggingSnippet } from '../components/LoggingSnippet';
import { buildRunsCsv } from '../components/runs-table/csv';
import { downloadBlob, safeFileName } from '../components/download';
import { FilterBar } from '../components/runs-table/FilterBar';
import { ExperimentHeader } from '../components/runs-table/header/ExperimentHeader';
import { RunsTable } from '../components/runs-table/RunsTable';
import { COMPARE_MAX, COMPARE_MIN, RunsToolbar } from '../components/runs-table/RunsToolbar';
import { useRunsTableModel, type RunsTableModel } from '../components/runs-table/use-runs-table-model';
import { useAppInfo } from '../state/app-info-store';
import { createExperimentHeaderStore, useExperimentHeader } from '../state/runs-experiment-store';
import { createRunsViewStore, useRunsView } from '../state/runs-view-store';
import './ExperimentPage.css';

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable);

/** The ids of `set`, those the table shows first in its order, then the rest (collapsed, grouped away). */
function inTableOrder(set: ReadonlySet<string>, shownIds: readonly string[]): string[] {
  const shown = shownIds.filter((id) => set.has(id));
  if (shown.length === set.size) return shown;
  const seen = new Set(shown);
  return [...shown, ...[...set].filter((id) => !seen.has(id))];
}

/** What the Charts tab plots: the selection, else the pinned runs, else the first ten shown. */
function chartRuns(records: RunsTableModel['records'], shownIds: string[], selected: ReadonlySet<string>, pinned: ReadonlySet<string>): Run[] {
  const byId = new Map(records.map((r) => [r.id, r.run]));
  const pick = (ids: string[]) => ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  if (selected.size) return pick(inTableOrder(selected, shownIds)).slice(0, COMPARE_MAX);
  const pins = pick(inTableOrder(pinned, shownIds));
  return pins.length ? pins.slice(0, COMPARE_MAX) : pick(shownIds.slice(0, 10));
}

/** One experiment: its header, the filter, and its runs as a table or as charts. */
export function ExperimentPage({ experimentId }: { experimentId: string }) {
  const { api, appInfo, route } = useApp();
  const runsStore = useMemo(() => createRunsViewStore(api, experimentId), [api, experimentId]);
  const headerStore = useMemo(() => createExperimentHeaderStore(api, experimentId), [api, experimentId]);
  useEffect(() => runsStore.getState().connect(), [runsStore]);
  useEffect(() => headerStore.getState().connect(), [headerStore]);

  const [tab, setTab] = useState<'table' | 'charts'>('table');
  const filterRef = useRef<HTMLInputElement>(null);
  const scrollMemo = useRef({ top: 0, left: 0 });
  const model = useRunsTableModel(runsStore);
  const experiment = useExperimentHeader(headerStore, (s) => s.experiment);
  const info = useAppInfo(appInfo, (s) => s.info);
  const status = useRunsView(runsStore, (s) => s.status);
  const error = useRunsView(runsStore, (s) => s.error);
  const actionError = useRunsView(runsStore, (s) => s.actionError);
  const selected = useRunsView(runsStore, (s) => s.selected);
  const pinned = useRunsView(runsStore, (s) => s.pinned);
  const unfiltered = useRunsView(runsStore, (s) => s.appliedFilter === '' && s.statusFilter === null && s.lifecycle === 'active');
  const empty = status === 'idle' && model.records.length === 0 && unfiltered;

  const { records, shownIds } = model;
  const charted = useMemo(() => (tab === 'charts' ? chartRuns(records, shownIds, selected, pinned) : []), [tab, records, shownIds, selected, pinned]);
  const compare = useCallback(() => {
    const ids = inTableOrder(runsStore.getState().selected, shownIds);
    if (ids.length >= COMPARE_MIN && ids.length <= COMPARE_MAX) route.getState().navigate({ page: 'compare', runIds: ids });
  }, [runsStore, shownIds, route]);
  const openRun = useCallback((runId: string) => route.getState().navigate({ page: 'run', runId }), [route]);
  const exportCsv = () =>
    downloadBlob(`${safeFileName(experiment?.name ?? experimentId, 'runs')}-runs.csv`, new Blob([buildRunsCsv(model.rows, model.columns, Date.now())], { type: 'text/csv;charset=utf-8' }));

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

  return (
    <section className="page experiment-page" data-testid="experiment-page">
      <ExperimentHeader store={headerStore} />
      {error && <ErrorNote message={error} />}
      {actionError && <ErrorNote message={actionError} />}
      {empty ? (
        info && <LoggingSnippet trackingUri={info.trackingUri} experimentName={experiment?.name ?? 'my-experiment'} />
      ) : (
        <>
          <FilterBar store={runsStore} inputRef={filterRef} />
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'table'} onClick={() => setTab('table')} data-testid="tab-table">Table</button>
            <button type="button" role="tab" aria-selected={tab === 'charts'} onClick={() => setTab('charts')} data-testid="tab-charts">Charts</button>
          </div>
          {tab === 'table' ? (
            <>
              <RunsToolbar store={runsStore} model={model} onCompare={compare} onExport={exportCsv} />
              {status === 'idle' && model.rows.length === 0 ? (
                <p className="muted" data-testid="no-runs-match">No runs match. Change or clear the filter above.</p>
              ) : (
                <RunsTable store={runsStore} model={model} onOpenRun={openRun} scrollMemo={scrollMemo} />
              )}
            </>
          ) : (
            <div className="experiment-charts">
              <RunCharts runs={charted} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
