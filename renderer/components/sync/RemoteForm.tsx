import { useState } from 'react';
import type { RemoteTestResult, RemoteView } from '../../../shared/ipc/sync-types';
import { useApp } from '../../app-context';
import { ErrorNote } from '../ErrorNote';
import { emptyForm, formFromRemote, saveInput, testInput, type RemoteFormValues } from './remote-form';

interface Props {
  /** The remote being edited, or null to add one. */
  existing: RemoteView | null;
  onDone(): void;
}

/** Only the desktop app can keep a secret (encrypted with the OS keychain); a browser names a variable. */
const canKeep = () => 'bridge' in window;

/** Add or edit a remote: name, URL, auth and where its secret comes from, with "Test connection". */
export function RemoteForm({ existing, onDone }: Props) {
  const { remotes } = useApp();
  const [v, setV] = useState<RemoteFormValues>(() => (existing ? formFromRemote(existing, canKeep()) : emptyForm(canKeep())));
  const [error, setError] = useState<string | null>(null);
  const [test, setTest] = useState<RemoteTestResult | 'testing' | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<RemoteFormValues>) => {
    setV((old) => ({ ...old, ...patch }));
    setTest(null);
  };
  const save = async () => {
    const made = saveInput(v, existing);
    if ('error' in made) return setError(made.error);
    setSaving(true);
    const refused = await remotes.getState().save(made.input, existing !== null);
    setSaving(false);
    if (refused) setError(refused);
    else onDone();
  };
  const runTest = async () => {
    setTest('testing');
    setTest(await remotes.getState().test(testInput(v, existing)));
  };
  const secretLabel = v.auth === 'basic' ? 'Password' : 'Token';
  return (
    <form className="remote-form" data-testid="remote-form" onSubmit={(e) => (e.preventDefault(), void save())}>
      <label htmlFor="remote-name">Name</label>
      <input id="remote-name" value={v.name} disabled={existing !== null} onChange={(e) => set({ name: e.target.value })} placeholder="team" autoFocus={!existing} data-testid="remote-name" />
      <label htmlFor="remote-url">URL</label>
      <input id="remote-url" value={v.url} onChange={(e) => set({ url: e.target.value })} placeholder="https://mlflow.example.com" data-testid="remote-url" />
      <label htmlFor="remote-auth">Auth</label>
      <select id="remote-auth" value={v.auth} onChange={(e) => set({ auth: e.target.value as RemoteFormValues['auth'] })} data-testid="remote-auth">
        <option value="none">None</option>
        <option value="basic">Basic (user name and password)</option>
        <option value="bearer">Token (Bearer)</option>
      </select>
      {v.auth === 'basic' && (
        <>
          <label htmlFor="remote-user">User name</label>
          <input id="remote-user" value={v.username} onChange={(e) => set({ username: e.target.value })} autoComplete="off" />
        </>
      )}
      {v.auth !== 'none' && (
        <>
          <label htmlFor="remote-secret-from">{secretLabel} from</label>
          <select id="remote-secret-from" value={v.secretFrom} onChange={(e) => set({ secretFrom: e.target.value as RemoteFormValues['secretFrom'] })}>
            {canKeep() && <option value="kept">Entered here, kept by the app (OS keychain)</option>}
            <option value="env">An environment variable</option>
          </select>
          {v.secretFrom === 'kept' ? (
            <>
              <label htmlFor="remote-secret">{secretLabel}</label>
              <input id="remote-secret" type="password" value={v.secret} onChange={(e) => set({ secret: e.target.value })} autoComplete="off" placeholder={existing?.secret.from === 'kept' && existing.secret.present ? 'unchanged' : ''} />
            </>
          ) : (
            <>
              <label htmlFor="remote-env">Variable</label>
              <input id="remote-env" value={v.envName} onChange={(e) => set({ envName: e.target.value })} placeholder={v.auth === 'basic' ? 'MLFLOW_TRACKING_PASSWORD' : 'MLFLOW_TRACKING_TOKEN'} spellCheck={false} />
              <p className="hint muted">Read by the process that holds the store ({canKeep() ? 'this app' : 'sextant serve'}) when it syncs; only the name is stored.</p>
            </>
          )}
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-testid="remote-save">{existing ? 'Save' : 'Add remote'}</button>
        <button type="button" onClick={() => void runTest()} disabled={test === 'testing' || !v.url.trim()} data-testid="remote-test">Test connection</button>
        <button type="button" onClick={onDone}>Cancel</button>
        {test === 'testing' && <span className="test-result muted">Testing…</span>}
        {test && test !== 'testing' && (
          <span className={`test-result ${test.ok ? 'ok' : 'bad'}`} data-testid="remote-test-result">
            {test.ok ? `Connected: MLflow ${test.version}` : test.error}
          </span>
        )}
      </div>
      {error && <div className="form-actions"><ErrorNote message={error} /></div>}
    </form>
  );
}
