import type { ExportForm } from '../../state/transfer-export-form';
import { MIN_PASSPHRASE } from '../../state/transfer-export-form';
import { ExportChoices } from './ExportChoices';
import { PathField } from './PathField';

interface Props {
  form: ExportForm;
  experimentNames: string[];
  modelNames: string[];
  update(patch: Partial<ExportForm>): void;
  locked: boolean;
}

/** What to export, full or since an earlier bundle, the passphrase (twice) and the new file. */
export function ExportFields({ form: f, experimentNames, modelNames, update, locked }: Props) {
  return (
    <>
      <p className="transfer-intro muted">
        One file with the chosen experiments (runs, metric histories, artifacts, logged models) and registered models, ids kept, every part checksummed: carry it to a machine with no network and import it there.
      </p>
      <div className="transfer-choice-grid">
        <ExportChoices title="Experiments" all={experimentNames} selected={f.experiments} onChange={(experiments) => update({ experiments })} empty="No experiments yet." testId="export-experiments" disabled={locked} />
        <ExportChoices title="Registered models" all={modelNames} selected={f.models} onChange={(models) => update({ models })} empty="No registered models." testId="export-models" disabled={locked} />
      </div>
      <fieldset className="transfer-mode" disabled={locked}>
        <legend>What to write</legend>
        <label className="transfer-radio">
          <input type="radio" name="export-mode" checked={f.mode === 'full'} onChange={() => update({ mode: 'full' })} data-testid="export-full" />
          <span><strong>Everything</strong> <span className="muted">— a full bundle</span></span>
        </label>
        <label className="transfer-radio">
          <input type="radio" name="export-mode" checked={f.mode === 'since'} onChange={() => update({ mode: 'since' })} data-testid="export-since" />
          <span><strong>Only what changed since an earlier bundle</strong> <span className="muted">— import that one first on the other side</span></span>
        </label>
        {f.mode === 'since' && (
          <PathField label="The earlier bundle" value={f.since} onChange={(since) => update({ since })} pickers={[{ purpose: 'since-bundle', label: 'Browse…' }]} placeholder="/media/usb/sextant-2026-11-28.sxb" testId="export-since-path" disabled={locked} />
        )}
      </fieldset>
      <fieldset className="transfer-mode" disabled={locked}>
        <legend>Encryption</legend>
        <label className="check">
          <input type="checkbox" checked={f.encrypt} onChange={(e) => update({ encrypt: e.target.checked })} data-testid="export-encrypt" />
          Encrypt with a passphrase (needed to import it; it is not stored anywhere)
        </label>
        {f.encrypt && (
          <div className="transfer-pass-row">
            <input type="password" autoComplete="new-password" placeholder={`Passphrase (${MIN_PASSPHRASE}+ characters)`} aria-label="Passphrase" value={f.passphrase} onChange={(e) => update({ passphrase: e.target.value })} data-testid="export-passphrase" />
            <input type="password" autoComplete="new-password" placeholder="Passphrase again" aria-label="Passphrase again" value={f.confirm} onChange={(e) => update({ confirm: e.target.value })} data-testid="export-passphrase-confirm" />
          </div>
        )}
      </fieldset>
      <PathField label="Save the bundle as (a new file)" value={f.out} onChange={(out) => update({ out })} pickers={[{ purpose: 'bundle-out', label: 'Save as…' }]} placeholder="/media/usb/sextant-2026-12-05.sxb" testId="export-out" disabled={locked} />
    </>
  );
}
