import { useEffect, useState } from 'react';
import { useApp } from './app-context';
import { ExperimentsSidebar } from './components/ExperimentsSidebar';
import { ShortcutsSheet } from './components/ShortcutsSheet';
import { StatusBar } from './components/StatusBar';
import { ComparePage } from './pages/ComparePage';
import { CompareVersionsPage } from './pages/CompareVersionsPage';
import { ExperimentPage } from './pages/ExperimentPage';
import { HomePage } from './pages/HomePage';
import { LoggedModelPage } from './pages/LoggedModelPage';
import { ModelPage } from './pages/ModelPage';
import { ModelsPage } from './pages/ModelsPage';
import { RemotesPage } from './pages/RemotesPage';
import { StoreSettingsPage } from './pages/StoreSettingsPage';
import { StoreGate } from './components/store/StoreGate';
import { StoreStatusContext } from './components/store/store-status-context';
import { createStoreStatusStore } from './state/store-status-store';
import { ProgressPanel } from './components/sync/ProgressPanel';
import { TransferContext } from './components/transfer/transfer-context';
import { TransferDialogs } from './components/transfer/TransferDialogs';
import { RunPage } from './pages/RunPage';
import { VersionPage } from './pages/VersionPage';
import { ErrorNote } from './components/ErrorNote';
import { useAppInfo } from './state/app-info-store';
import { defaultStorage } from './state/runs-view-prefs';
import { createSidebarStore, useSidebar } from './state/sidebar-prefs';
import { useRoute } from './state/route-store';
import { createTransferDialogStore } from './state/transfer-dialog-store';

const typing = (e: KeyboardEvent) => e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);

/** The window: the app once the store is open (StoreGate shows unlock, protection or conversion screens before). */
export function App() {
  const { api } = useApp();
  const [storeStatus] = useState(() => createStoreStatusStore(api));
  return (
    <StoreStatusContext.Provider value={storeStatus}>
      <StoreGate>
        <AppShell />
      </StoreGate>
    </StoreStatusContext.Provider>
  );
}

/** The open store: experiments on the left, the current page, the status bar; `data-app-ready` once loaded. */
function AppShell() {
  const app = useApp();
  const route = useRoute(app.route, (s) => s.route);
  const [ready, setReady] = useState(false);
  const [shortcuts, setShortcuts] = useState(false);
  const connectionError = useAppInfo(app.appInfo, (s) => (s.info ? null : s.error));
  // import and export dialogs; the OS file picker exists only in the desktop app (the preload's bridge)
  const [sidebar] = useState(() => createSidebarStore(defaultStorage()));
  const sidebarCollapsed = useSidebar(sidebar, (s) => s.collapsed);
  const [transfer] = useState(() => ({ dialogs: createTransferDialogStore(app.api) }));

  useEffect(() => {
    void Promise.all([app.experiments.getState().refresh(), app.appInfo.getState().refresh(), app.remotes.getState().refresh(), app.jobs.getState().refresh()]).then(() => setReady(true));
  }, [app]);

  useEffect(() => {
    let pendingG = false;
    const onKey = (e: KeyboardEvent) => {
      if (typing(e) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === '?') setShortcuts((s) => !s);
      else if (e.key === 'Escape') setShortcuts(false);
      else if (e.key === '[') sidebar.getState().toggle();
      else if (pendingG && e.key === 'e') app.route.getState().navigate({ page: 'home' });
      pendingG = e.key === 'g';
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app, sidebar]);

  if (connectionError && ready) {
    // Nothing loaded at all (no token, or no server): say so once, instead of every page failing.
    return (
      <div className="app app-unreachable" data-app-ready="true">
        <main className="content">
          <section className="page">
            <h1>Sextant</h1>
            <ErrorNote message={connectionError} />
          </section>
        </main>
      </div>
    );
  }

  return (
    <TransferContext.Provider value={transfer}>
      <div className={`app${sidebarCollapsed ? ' sidebar-is-collapsed' : ''}`} data-app-ready={ready ? 'true' : 'false'}>
        <ExperimentsSidebar collapsed={sidebarCollapsed} onToggle={sidebar.getState().toggle} />
        <main className="content">
          {connectionError && (
            <section className="page">
              <ErrorNote message={connectionError} />
            </section>
          )}
          {route.page === 'home' && <HomePage />}
          {route.page === 'experiment' && <ExperimentPage key={route.experimentId} experimentId={route.experimentId} />}
          {route.page === 'run' && <RunPage key={route.runId} runId={route.runId} />}
          {route.page === 'compare' && <ComparePage key={route.runIds.join(',')} runIds={route.runIds} />}
          {route.page === 'models' && <ModelsPage />}
          {route.page === 'remotes' && <RemotesPage />}
          {route.page === 'store' && <StoreSettingsPage />}
          {route.page === 'model' && <ModelPage key={route.name} name={route.name} />}
          {route.page === 'version' && <VersionPage key={`${route.name}/${route.version}`} name={route.name} version={route.version} />}
          {route.page === 'loggedModel' && <LoggedModelPage key={route.modelId} modelId={route.modelId} />}
          {route.page === 'compareVersions' && <CompareVersionsPage key={route.versions.join(',')} name={route.name} versions={route.versions} />}
        </main>
        <ProgressPanel />
        <StatusBar onShowShortcuts={() => setShortcuts(true)} />
        {shortcuts && <ShortcutsSheet onClose={() => setShortcuts(false)} />}
        <TransferDialogs />
      </div>
    </TransferContext.Provider>
  );
}
