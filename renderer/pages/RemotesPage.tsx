import { useState } from 'react';
import { useApp } from '../app-context';
import { ErrorNote } from '../components/ErrorNote';
import { formatDate } from '../components/format-date';
import { formatSyncTime } from '../components/sync/format-sync-time';
import { RemoteForm } from '../components/sync/RemoteForm';
import { authLabel } from '../components/sync/remote-form';
import { useRemotes } from '../state/remotes-store';
import '../components/sync/sync.css';

/** The MLflow servers this store pushes to and pulls from: add, edit, test, remove. */
export function RemotesPage() {
  const { remotes } = useApp();
  const list = useRemotes(remotes, (s) => s.remotes);
  const loaded = useRemotes(remotes, (s) => s.loaded);
  const loadError = useRemotes(remotes, (s) => s.error);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async (name: string) => {
    if (!window.confirm(`Remove remote "${name}"? What was pushed stays on the server; its runs keep their lineage tags, so adding the remote again later does not duplicate them.`)) return;
    setError(await remotes.getState().remove(name));
  };
  return (
    <section className="page remotes-page" data-testid="remotes-page">
      <h1>Remotes</h1>
      <p className="muted">MLflow tracking servers to push local runs to and pull runs from. Offline is fine: sync when the server is reachable.</p>
      {loadError && <ErrorNote message={loadError} />}
      {error && <ErrorNote message={error} />}
      {editing === 'new' ? (
        <RemoteForm existing={null} onDone={() => setEditing(null)} />
      ) : (
        <div className="add-row">
          <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="add-remote">Add remote…</button>
        </div>
      )}
      {loaded && list.length === 0 && editing !== 'new' && <p className="muted">No remotes yet.</p>}
      {list.length > 0 && (
        <table data-testid="remotes-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>URL</th>
              <th>Auth</th>
              <th>Last sync</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.name} data-testid="remote-row" data-remote={r.name}>
                <td><strong>{r.name}</strong></td>
                <td className="remote-url">{r.url}</td>
                <td>{authLabel(r)}</td>
                <td data-testid="remote-last-sync">
                  {r.lastSyncTime === null ? <span className="muted">never</span> : (
                    <>
                      <time dateTime={new Date(r.lastSyncTime).toISOString()} title={formatDate(r.lastSyncTime)}>{formatSyncTime(r.lastSyncTime, Date.now())}</time>
                      <div className="muted remote-state" title={r.lastSyncState}>{r.lastSyncState}</div>
                    </>
                  )}
                </td>
                <td>
                  <span className="remote-actions">
                    <button type="button" onClick={() => setEditing(r.name)}>Edit</button>
                    <button type="button" className="danger" onClick={() => void remove(r.name)} data-testid="remove-remote">Remove</button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing !== null && editing !== 'new' && (
        <RemoteForm key={editing} existing={list.find((r) => r.name === editing) ?? null} onDone={() => setEditing(null)} />
      )}
    </section>
  );
}
