import { useEffect, useState } from 'react';
import type { ModelVersion } from '../../../shared/domain/registry';
import { useApp } from '../../app-context';
import { ErrorNote } from '../ErrorNote';
import { RegisteredModelNameField } from '../registry/RegisteredModelNameField';
import '../registry/registry.css';

interface Props {
  modelId: string;
  modelName: string;
  /** Registers under `name` (new or existing registered model), answering the version made. */
  register(name: string): Promise<ModelVersion>;
  onClose(): void;
}

/** Registers one logged model as a new version of a new or existing registered model, then opens that version. */
export function RegisterLoggedModelDialog({ modelId, modelName, register, onClose }: Props) {
  const { api, route } = useApp();
  const [names, setNames] = useState<string[]>([]);
  const [name, setName] = useState(modelName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();

  useEffect(() => {
    let live = true;
    api.call('models.list', {}).then((list) => live && setNames(list.map((m) => m.name)), () => undefined);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      live = false;
      window.removeEventListener('keydown', onKey);
    };
  }, [api, onClose]);

  const submit = () => {
    if (!trimmed) return setError('Name the registered model.');
    setBusy(true);
    register(trimmed).then(
      (v) => { onClose(); route.getState().navigate({ page: 'version', name: v.name, version: v.version }); },
      (e: Error) => { setError(e.message); setBusy(false); },
    );
  };

  return (
    <div className="modal-backdrop" onClick={onClose} role="presentation">
      <form className="modal reg-dialog" role="dialog" aria-modal="true" aria-label="Register model" data-testid="register-model-dialog"
        onClick={(e) => e.stopPropagation()} onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <h2>Register a model</h2>
        <p className="reg-hint">Registers the logged model <code>{modelId}</code> (source <code>models:/{modelId}</code>).</p>
        <RegisteredModelNameField name={name} onName={setName} names={names} />
        {error && <ErrorNote message={error} />}
        <div className="buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" data-testid="register-model-button" disabled={busy || !trimmed}>Register</button>
        </div>
      </form>
    </div>
  );
}
