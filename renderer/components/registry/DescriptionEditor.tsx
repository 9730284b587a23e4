import { useState } from 'react';
import { ErrorNote } from '../ErrorNote';
import { Markdown } from '../Markdown';

/** A Markdown description: rendered sanitised, edited as text. */
export function DescriptionEditor({ text, label, onSave }: { text: string | undefined; label: string; onSave(text: string): Promise<void> }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = (value: string) => {
    setBusy(true);
    onSave(value).then(() => { setDraft(null); setError(null); }, (e: Error) => setError(e.message)).finally(() => setBusy(false));
  };
  if (draft !== null) {
    return (
      <div className="reg-description">
        <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={6} aria-label={`${label} (Markdown)`} maxLength={5000} autoFocus />
        {error && <ErrorNote message={error} />}
        <div className="reg-form">
          <button type="button" className="primary" disabled={busy} onClick={() => save(draft)}>Save</button>
          <button type="button" onClick={() => setDraft(null)}>Cancel</button>
          <span className="reg-hint">Markdown</span>
        </div>
      </div>
    );
  }
  return (
    <div className="reg-description" data-testid="description">
      {text ? <Markdown source={text} /> : <p className="muted">No description.</p>}
      <button type="button" className="link-btn" onClick={() => setDraft(text ?? '')}>{text ? 'Edit description' : 'Add a description'}</button>
    </div>
  );
}
