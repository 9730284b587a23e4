import { useState } from 'react';
import type { RegisteredModel } from '../../../shared/domain/registry';
import { ErrorNote } from '../ErrorNote';
import { When } from '../When';

interface Props {
  model: RegisteredModel;
  versionCount: number;
  onRename(newName: string): Promise<void>;
  onDelete(): Promise<void>;
}

/** The model's name with rename (in place) and delete (after a confirm), and when it was made and changed. */
export function ModelHeader({ model, versionCount, onRename, onDelete }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (fn: () => Promise<void>) => {
    setBusy(true);
    fn().catch((e: Error) => { setError(e.message); setBusy(false); });
  };
  const rename = () => {
    const n = draft?.trim() ?? '';
    if (!n || n === model.name) return setDraft(null);
    run(() => onRename(n));
  };
  const remove = () => {
    const what = versionCount === 0 ? '' : ` and its ${versionCount === 1 ? 'version' : `${versionCount} versions`}`;
    if (window.confirm(`Delete the registered model "${model.name}"${what}? This cannot be undone.`)) run(onDelete);
  };

  return (
    <header>
      <div className="reg-crumbs"><a href="#/models">Models</a> /</div>
      <div className="reg-head">
        {draft === null ? (
          <h1 data-testid="model-name">{model.name}</h1>
        ) : (
          <form className="reg-form" onSubmit={(e) => { e.preventDefault(); rename(); }}>
            <input aria-label="New model name" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={256} size={40} autoFocus />
            <button type="submit" className="primary" disabled={busy}>Rename</button>
            <button type="button" onClick={() => setDraft(null)}>Cancel</button>
          </form>
        )}
        <div className="reg-head-actions">
          {draft === null && <button type="button" onClick={() => setDraft(model.name)}>Rename</button>}
          <button type="button" data-testid="delete-model" onClick={remove} disabled={busy}>Delete</button>
        </div>
      </div>
      <p className="reg-hint">Created <When ms={model.creation_timestamp} /> · last modified <When ms={model.last_updated_timestamp} /></p>
      {error && <ErrorNote message={error} />}
    </header>
  );
}
