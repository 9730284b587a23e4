import { useState, type FormEvent } from 'react';
import type { Experiment } from '../../../shared/domain/tracking';

interface Props {
  count: number;
  /** How many of them are nested under a run that stays here. */
  leavingParent: number;
  /** Where they can go: the active experiments other than the one shown. */
  targets: readonly Experiment[];
  onMove(experimentId: string): Promise<boolean>;
  onDone(): void;
}

/** Moves the selected runs, with the runs nested under them, to another experiment. */
export function MoveRunsForm({ count, leavingParent, targets, onMove, onDone }: Props) {
  const [target, setTarget] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (target && (await onMove(target))) onDone();
  };
  if (targets.length === 0) {
    return <p className="muted move-runs-form" data-testid="move-runs-form">There is no other active experiment to move runs to. Create one in the sidebar first.</p>;
  }
  return (
    <form className="move-runs-form" onSubmit={(e) => void submit(e)} data-testid="move-runs-form">
      <p className="muted">
        Move {count} selected run{count === 1 ? '' : 's'}, and any runs nested under them, to:
      </p>
      <select autoFocus value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Target experiment">
        <option value="">Choose an experiment…</option>
        {targets.map((e) => (
          <option key={e.experiment_id} value={e.experiment_id}>
            {e.name} (ID {e.experiment_id})
          </option>
        ))}
      </select>
      {leavingParent > 0 && (
        <p className="move-runs-warning" data-testid="move-leaves-parent">
          {leavingParent === 1 ? 'One of them is' : `${leavingParent} of them are`} nested under a run that stays here: that parent will no longer list {leavingParent === 1 ? 'it' : 'them'} among its children.
        </p>
      )}
      <p className="muted">Artifacts stay where they are; clients still logging to these runs keep working.</p>
      <div className="tag-runs-actions">
        <button type="submit" className="primary" disabled={!target}>Move</button>
      </div>
    </form>
  );
}
