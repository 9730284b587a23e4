import { useState } from 'react';
import { ErrorNote } from '../ErrorNote';

/** Creates an empty registered model (versions are registered from runs). */
export function CreateModelForm({ onCreate, onCancel }: { onCreate(name: string, description: string): Promise<void>; onCancel(): void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = () => {
    const n = name.trim();
    if (!n) return setError('A registered model needs a name.');
    setBusy(true);
    onCreate(n, description.trim()).catch((e: Error) => { setError(e.message); setBusy(false); });
  };
  return (
    <form className="reg-section" data-testid="create-model-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <div className="reg-form">
        <input aria-label="Model name" placeholder="model name" value={name} onChange={(e) => setName(e.target.value)} maxLength={256} autoFocus />
        <input aria-label="Description" placeholder="description (optional, Markdown)" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={5000} size={40} />
        <button type="submit" className="primary" disabled={busy}>Create</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
      {error && <ErrorNote message={error} />}
    </form>
  );
}
