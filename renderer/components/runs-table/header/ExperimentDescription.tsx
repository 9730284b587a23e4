import { useState } from 'react';
import { Markdown } from '../../Markdown';

/** The experiment's Markdown description (tag `mlflow.note.content`), shown sanitised and editable. */
export function ExperimentDescription({ source, onSave }: { source: string; onSave(markdown: string): Promise<boolean> }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    return (
      <div className="eh-description-edit">
        <textarea autoFocus rows={6} value={draft} onChange={(e) => setDraft(e.target.value)} aria-label="Description (Markdown)" data-testid="description-input" />
        <div className="eh-row">
          <button type="button" className="primary" onClick={() => void onSave(draft).then((ok) => ok && setDraft(null))}>Save</button>
          <button type="button" onClick={() => setDraft(null)}>Cancel</button>
          <span className="muted">Markdown</span>
        </div>
      </div>
    );
  }
  return (
    <div className="eh-description" data-testid="experiment-description">
      {source ? <Markdown source={source} /> : <span className="muted">No description.</span>}
      <button type="button" className="eh-link" onClick={() => setDraft(source)} data-testid="edit-description">
        {source ? 'Edit description' : 'Add a description'}
      </button>
    </div>
  );
}
