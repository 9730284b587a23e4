import { useMemo, useState } from 'react';
import { useApp } from '../app-context';
import { useExperiments } from '../state/experiments-store';
import { useRoute } from '../state/route-store';
import { ErrorNote } from './ErrorNote';
import { InlineNameForm } from './InlineNameForm';
import { TransferMenu } from './transfer/TransferMenu';
import { RunProjectButton } from './projects/RunProjectButton';

interface Props {
  /** Folded to a thin strip with only the button to unfold it. */
  collapsed: boolean;
  onToggle(): void;
}

/**
 * The experiment list: search, create, rename, delete and restore, and the way into each.
 * It folds away (its button, or `[`) to give the page the window's width.
 */
export function ExperimentsSidebar({ collapsed, onToggle }: Props) {
  const { experiments, route } = useApp();
  const list = useExperiments(experiments, (s) => s.list);
  const showDeleted = useExperiments(experiments, (s) => s.showDeleted);
  const current = useRoute(route, (s) => (s.route.page === 'experiment' ? s.route.experimentId : null));
  const onModels = useRoute(route, (s) => ['models', 'model', 'version', 'compareVersions'].includes(s.route.page));
  const onRemotes = useRoute(route, (s) => s.route.page === 'remotes');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const currentName = list.find((e) => e.experiment_id === current)?.name;
  const shown = useMemo(() => list.filter((e) => e.name.toLowerCase().includes(query.toLowerCase())), [list, query]);
  const act = (fn: () => Promise<unknown>) => fn().then(() => setError(null), (e: Error) => setError(e.message));

  // The form closes only once the server took the name: a refused one (taken, say) stays to fix.
  const create = (name: string) =>
    act(async () => {
      const exp = await experiments.getState().create(name);
      setCreating(false);
      route.getState().navigate({ page: 'experiment', experimentId: exp.experiment_id });
    });
  const openForm = (open: () => void) => {
    setError(null);
    open();
  };

  if (collapsed) {
    return (
      <nav className="sidebar sidebar-collapsed" aria-label="Experiments">
        <button type="button" className="sidebar-toggle" onClick={onToggle} title="Show the experiments sidebar ([)" aria-expanded={false} data-testid="sidebar-toggle">
          »
        </button>
      </nav>
    );
  }

  return (
    <nav className="sidebar" aria-label="Experiments">
      <a className={`sidebar-models ${onModels ? 'active' : ''}`} href="#/models" data-testid="models-link">
        Model registry
      </a>
      <a className={`sidebar-models ${onRemotes ? 'active' : ''}`} href="#/remotes" data-testid="remotes-link">
        Remotes
      </a>
      <TransferMenu />
      <RunProjectButton className="sidebar-run-project" testId="sidebar-run-project" {...(currentName ? { experimentName: currentName } : {})} />
      <div className="sidebar-head">
        <h2>Experiments</h2>
        <button type="button" onClick={() => openForm(() => setCreating(true))} title="New experiment" aria-label="New experiment" data-testid="new-experiment">
          +<span className="sidebar-new-word"> New</span>
        </button>
        <button type="button" className="sidebar-toggle" onClick={onToggle} title="Hide the sidebar ([)" aria-expanded data-testid="sidebar-toggle">
          «
        </button>
      </div>
      {creating && <InlineNameForm label="New experiment name" onSubmit={create} onCancel={() => setCreating(false)} />}
      <input type="search" placeholder="Search experiments" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search experiments" />
      <label className="check">
        <input type="checkbox" checked={showDeleted} onChange={(e) => void experiments.getState().setShowDeleted(e.target.checked)} /> Show deleted
      </label>
      {error && <ErrorNote message={error} />}
      <ul className="experiment-list">
        {shown.map((e) =>
          renaming === e.experiment_id ? (
            <li key={e.experiment_id}>
              <InlineNameForm
                initial={e.name}
                label="Experiment name"
                onSubmit={(n) => {
                  if (n === e.name) setRenaming(null);
                  else act(async () => (await experiments.getState().rename(e.experiment_id, n), setRenaming(null)));
                }}
                onCancel={() => setRenaming(null)}
              />
            </li>
          ) : (
            <li key={e.experiment_id} className={`${e.experiment_id === current ? 'active' : ''} ${e.lifecycle_stage === 'deleted' ? 'deleted' : ''}`}>
              <a href={`#/experiments/${encodeURIComponent(e.experiment_id)}`} data-testid="experiment-link">{e.name}</a>
              <span className="row-actions">
                {e.lifecycle_stage === 'active' ? (
                  <>
                    <button type="button" title="Rename" onClick={() => openForm(() => setRenaming(e.experiment_id))}>✎</button>
                    {e.experiment_id !== '0' && <button type="button" title="Delete" onClick={() => { if (window.confirm(`Delete experiment "${e.name}" and its runs? You can restore it later.`)) act(() => experiments.getState().remove(e.experiment_id)); }}>🗑</button>}
                  </>
                ) : (
                  <button type="button" title="Restore" onClick={() => act(() => experiments.getState().restore(e.experiment_id))}>↺</button>
                )}
              </span>
            </li>
          ),
        )}
        {shown.length === 0 && <li className="muted">No experiments match.</li>}
      </ul>
    </nav>
  );
}
