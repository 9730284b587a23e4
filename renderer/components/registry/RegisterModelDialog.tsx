import { useEffect, useState } from 'react';
import { useApp } from '../../app-context';
import { createRegisterStore, useRegister, type RegisterChoice } from '../../state/registry-register-store';
import { ErrorNote } from '../ErrorNote';
import { ModelSourcePicker } from './ModelSourcePicker';
import { RegisteredModelNameField } from './RegisteredModelNameField';
import './registry.css';

interface Props {
  runId: string;
  experimentId: string;
  onClose(): void;
}

/**
 * Registers one of a run's models — a logged model, or an artifact folder with an MLmodel
 * file — as a new version of a new or existing registered model, then opens that version.
 */
export function RegisterModelDialog({ runId, experimentId, onClose }: Props) {
  const { api, route } = useApp();
  const [store] = useState(() => createRegisterStore(api, runId, experimentId));
  useEffect(() => void store.getState().load(), [store]);
  const status = useRegister(store, (s) => s.status);
  const folders = useRegister(store, (s) => s.folders);
  const logged = useRegister(store, (s) => s.loggedModels);
  const names = useRegister(store, (s) => s.modelNames);
  const loadErrors = useRegister(store, (s) => s.errors);
  const [picked, setPicked] = useState<RegisterChoice | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const first: RegisterChoice | null = logged[0] ? { kind: 'logged', modelId: logged[0].info.model_id } : folders[0] !== undefined ? { kind: 'folder', path: folders[0] } : null;
  const choice = picked ?? first;
  const trimmed = name.trim();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = () => {
    if (!choice) return setError('Choose what to register.');
    if (!trimmed) return setError('Name the registered model.');
    setBusy(true);
    store.getState().register(trimmed, choice).then(
      (v) => { onClose(); route.getState().navigate({ page: 'version', name: v.name, version: v.version }); },
      (e: Error) => { setError(e.message); setBusy(false); },
    );
  };

  return (
    <div className="modal-backdrop" onClick={onClose} role="presentation">
      <form className="modal reg-dialog" role="dialog" aria-modal="true" aria-label="Register model" data-testid="register-model-dialog"
        onClick={(e) => e.stopPropagation()} onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <h2>Register a model</h2>
        {status === 'loading' ? (
          <p className="muted">Looking for models in this run…</p>
        ) : (
          <ModelSourcePicker folders={folders} loggedModels={logged} choice={choice} onChoose={setPicked} />
        )}
        {loadErrors.map((m) => <ErrorNote key={m} message={m} />)}
        <RegisteredModelNameField name={name} onName={setName} names={names} />
        {error && <ErrorNote message={error} />}
        <div className="buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" data-testid="register-model-button" disabled={busy || !choice || !trimmed}>Register</button>
        </div>
      </form>
    </div>
  );
}
