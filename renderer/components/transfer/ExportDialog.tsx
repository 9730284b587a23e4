import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { useExperiments } from '../../state/experiments-store';
import { createExportStore, useExport } from '../../state/transfer-export-store';
import { MIN_PASSPHRASE } from '../../state/transfer-export-form';
import { failureOf } from '../../state/transfer-job-wait';
import { ErrorNote } from '../ErrorNote';
import { ExportChoices } from './ExportChoices';
import { PathField } from './PathField';
import { TransferModal } from './TransferModal';
import { TransferProgress } from './TransferProgress';
import { exportLine } from './transfer-format';

/** Export bundle…: experiments and models with checkboxes, full or since an earlier bundle, an optional passphrase, the new file. */
export function ExportDialog({ preselect, onClose }: { preselect: string[]; onClose(): void }) {
  const { api, jobs, experiments } = useApp();
  const list = useExperiments(experiments, (s) => s.list);
  const names = useMemo(() => list.filter((e) => e.lifecycle_stage === 'active').map((e) => e.name), [list]);
  const [store] = useState(() => createExportStore(api, jobs, { experiments: preselect }));
  const s = useExport(store, (st) => st);
  const f = s.form;
  useEffect(() => void store.getState().loadModels(), [store]);
  const busy = s.step === 'exporting';
  const locked = s.step !== 'form';
  const footer =
    s.step === 'done' ? (
      <button type="button" className="primary" onClick={onClose} data-testid="export-done">Done</button>
    ) : (
      <>
        <button type="button" onClick={onClose} data-testid="export-close">{busy ? 'Close (keeps running)' : 'Cancel'}</button>
        <button type="button" className="primary" disabled={busy} onClick={() => void s.run()} data-testid="export-run">{busy ? 'Exporting…' : 'Export'}</button>
      </>
    );
  return (
    <TransferModal title="Export bundle" testId="export-dialog" onClose={onClose} footer={footer}>
      <p className="transfer-intro muted">One file with the chosen experiments (runs, metric histories, artifacts, logged models) and registered models, ids kept, every part checksummed: carry it to a machine with no network and import it there.</p>
      <div className="transfer-choice-grid">
        <ExportChoices title="Experiments" all={names} selected={f.experiments} onChange={(experiments) => s.update({ experiments })} empty="No experiments yet." testId="export-experiments" disabled={locked} />
        <ExportChoices title="Registered models" all={s.modelNames} selected={f.models} onChange={(models) => s.update({ models })} empty="No registered models." testId="export-models" disabled={locked} />
      </div>
      <fieldset className="transfer-mode" disabled={locked}>
        <legend>What to write</legend>
        <label className="transfer-radio">
          <input type="radio" name="export-mode" checked={f.mode === 'full'} onChange={() => s.update({ mode: 'full' })} data-testid="export-full" />
          <span><strong>Everything</strong> <span className="muted">— a full bundle</span></span>
        </label>
        <label className="transfer-radio">
          <input type="radio" name="export-mode" checked={f.mode === 'since'} onChange={() => s.update({ mode: 'since' })} data-testid="export-since" />
          <span><strong>Only what changed since an earlier bundle</strong> <span className="muted">— import that one first on the other side</span></span>
        </label>
        {f.mode === 'since' && (
          <PathField label="The earlier bundle" value={f.since} onChange={(since) => s.update({ since })} pickers={[{ purpose: 'since-bundle', label: 'Browse…' }]} placeholder="/media/usb/sextant-2026-11-28.sxb" testId="export-since-path" disabled={locked} />
        )}
      </fieldset>
      <fieldset className="transfer-mode" disabled={locked}>
        <legend>Encryption</legend>
        <label className="check">
          <input type="checkbox" checked={f.encrypt} onChange={(e) => s.update({ encrypt: e.target.checked })} data-testid="export-encrypt" />
          Encrypt with a passphrase (needed to import it; it is not stored anywhere)
        </label>
        {f.encrypt && (
          <div className="transfer-pass-row">
            <input type="password" autoComplete="new-password" placeholder={`Passphrase (${MIN_PASSPHRASE}+ characters)`} aria-label="Passphrase" value={f.passphrase} onChange={(e) => s.update({ passphrase: e.target.value })} data-testid="export-passphrase" />
            <input type="password" autoComplete="new-password" placeholder="Passphrase again" aria-label="Passphrase again" value={f.confirm} onChange={(e) => s.update({ confirm: e.target.value })} data-testid="export-passphrase-confirm" />
          </div>
        )}
      </fieldset>
      <PathField label="Save the bundle as (a new file)" value={f.out} onChange={(out) => s.update({ out })} pickers={[{ purpose: 'bundle-out', label: 'Save as…' }]} placeholder="/media/usb/sextant-2026-12-05.sxb" testId="export-out" disabled={locked} />
      {s.error && <ErrorNote message={s.error} />}
      {busy && <TransferProgress jobId={s.jobId} label="Starting the export…" />}
      {s.step === 'done' && s.ended && (
        <section className={`transfer-summary ${s.ended.state === 'succeeded' ? 'ok' : s.ended.state}`} data-testid="export-summary" data-state={s.ended.state}>
          <p className="transfer-summary-line" data-testid="export-summary-line">
            {s.ended.state === 'succeeded' ? `✓ ${s.result ? exportLine(s.result) : (s.ended.outcome?.summary ?? 'Exported.')}` : s.ended.state === 'failed' ? failureOf(s.ended) : 'Export cancelled: no bundle was written.'}
          </p>
        </section>
      )}
    </TransferModal>
  );
}
