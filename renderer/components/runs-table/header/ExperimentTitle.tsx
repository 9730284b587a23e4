import { useState } from 'react';
import type { Experiment } from '../../../../shared/domain/tracking';

/** The experiment's name, renamed in place (Enter saves, Esc cancels). */
export function ExperimentTitle({ experiment, onRename }: { experiment: Experiment; onRename(name: string): Promise<boolean> }) {
  const [draft, setDraft] = useState<string | null>(null);
  const save = async () => {
    const name = draft?.trim();
    if (!name || name === experiment.name || (await onRename(name))) setDraft(null);
  };
  if (draft !== null) {
    return (
      <form className="eh-title-edit" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <input autoFocus value={draft} onChange={(e) => setDraft(e.target.value)} aria-label="Experiment name" maxLength={500} onKeyDown={(e) => e.key === 'Escape' && setDraft(null)} data-testid="experiment-name-input" />
        <button type="submit" className="primary">Save</button>
        <button type="button" onClick={() => setDraft(null)}>Cancel</button>
      </form>
    );
  }
  return (
    <div className="eh-title">
      <h1 data-testid="experiment-name">{experiment.name}</h1>
      {experiment.lifecycle_stage === 'deleted' && <span className="eh-badge">deleted</span>}
      <button type="button" className="eh-icon" onClick={() => setDraft(experiment.name)} title="Rename the experiment" aria-label="Rename the experiment" data-testid="rename-experiment">
        ✎
      </button>
      <span className="muted eh-id" title={experiment.artifact_location}>ID {experiment.experiment_id}</span>
    </div>
  );
}
