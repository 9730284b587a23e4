import { useState } from 'react';
import { Markdown } from '../Markdown';

/** The run's Markdown description (the `mlflow.note.content` tag), rendered sanitised, editable. */
export function RunDescription({ text, onSave }: { text: string | undefined; onSave(text: string): Promise<void> }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (draft !== null) {
    return (
      <section className="run-section run-description">
        <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={6} aria-label="Run description (Markdown)" maxLength={8000} />
        {error && <p className="error-note">{error}</p>}
        <div className="row-buttons">
          <button type="button" className="primary" onClick={() => void onSave(draft).then(() => setDraft(null), (e: Error) => setError(e.message))}>Save</button>
          <button type="button" onClick={() => setDraft(null)}>Cancel</button>
        </div>
      </section>
    );
  }
  return (
    <section className="run-section run-description">
      {text ? <Markdown source={text} /> : <p className="muted">No description.</p>}
      <button type="button" className="link-button" onClick={() => setDraft(text ?? '')}>{text ? 'Edit description' : 'Add a description'}</button>
    </section>
  );
}
