import { useEffect, useState } from 'react';
import type { ModelVersion, Stage } from '../../../shared/domain/registry';
import { ErrorNote } from '../ErrorNote';
import { defaultTarget, offersArchive, targetStages, versionsToArchive } from './transition-plan';

interface Props {
  name: string;
  version: ModelVersion;
  /** All versions of the model: to say which ones archiving would move. */
  versions: readonly ModelVersion[];
  onConfirm(stage: Stage, archiveExisting: boolean): Promise<void>;
  onClose(): void;
}

/** Moves a version to another stage after a confirmation; into Staging/Production it offers to archive the others there. */
export function TransitionDialog({ name, version, versions, onConfirm, onClose }: Props) {
  const [stage, setStage] = useState<Stage>(defaultTarget(version.current_stage));
  const [archive, setArchive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const others = versionsToArchive(versions, stage, version.version);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const confirm = () => {
    setBusy(true);
    onConfirm(stage, offersArchive(stage) && archive).then(onClose, (e: Error) => { setError(e.message); setBusy(false); });
  };

  return (
    <div className="modal-backdrop" onClick={onClose} role="presentation">
      <div className="modal reg-dialog" role="dialog" aria-modal="true" aria-label="Change stage" onClick={(e) => e.stopPropagation()}>
        <h2>Change the stage of {name} version {version.version}</h2>
        <p className="legacy-note">Stages are legacy in MLflow; aliases are the preferred way to mark the version to serve.</p>
        <label className="field">
          Move from {version.current_stage} to
          <select aria-label="Target stage" data-testid="transition-stage" value={stage} onChange={(e) => setStage(e.target.value as Stage)} autoFocus>
            {targetStages(version.current_stage).map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        {offersArchive(stage) && (
          <>
            <label className="check">
              <input type="checkbox" data-testid="archive-existing" checked={archive} onChange={(e) => setArchive(e.target.checked)} />
              Archive existing versions in {stage}
            </label>
            <p className="reg-hint">
              {others.length === 0 ? `No other version is in ${stage} now.` : `In ${stage} now: ${others.map((v) => `version ${v.version}`).join(', ')}${archive ? ' — these move to Archived.' : ' — these stay unless archived.'}`}
            </p>
          </>
        )}
        {error && <ErrorNote message={error} />}
        <div className="buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" data-testid="transition-confirm" disabled={busy} onClick={confirm}>Move to {stage}</button>
        </div>
      </div>
    </div>
  );
}
