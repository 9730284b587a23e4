import { useEffect, useState } from 'react';
import { useApp } from '../../app-context';
import { createImportStore, useImport, type ImportFlavor } from '../../state/transfer-import-store';
import { ErrorNote } from '../ErrorNote';
import { ImportPreview } from './ImportPreview';
import { ImportSummary } from './ImportSummary';
import { PathField } from './PathField';
import { TransferModal } from './TransferModal';
import { TransferProgress } from './TransferProgress';

const TEXT = {
  mlflow: {
    title: 'Import MLflow data',
    intro: 'An MLflow file store folder (mlruns) or SQLite database (mlflow.db), from any MLflow 1.x–3.x. Run ids are kept; nothing is written until you choose Import.',
    label: 'mlruns folder or mlflow.db file',
    placeholder: '/home/me/project/mlruns',
    pickers: [{ purpose: 'mlruns-folder', label: 'Folder…' }, { purpose: 'mlflow-db', label: 'File…' }],
  },
  bundle: {
    title: 'Import bundle',
    intro: 'A bundle exported by Sextant on another machine. It is checked before anything is written; importing it twice changes nothing.',
    label: 'Bundle file',
    placeholder: '/media/usb/sextant-2026-12-05.sxb',
    pickers: [{ purpose: 'bundle', label: 'Browse…' }],
  },
} as const;

/** Import MLflow data… / Import bundle…: a path, a preview from a dry run (with the clash choice), the import, its summary. */
export function ImportDialog({ flavor, onClose }: { flavor: ImportFlavor; onClose(): void }) {
  const { api, jobs, experiments } = useApp();
  const [store] = useState(() => createImportStore(api, jobs, flavor));
  const s = useImport(store, (st) => st);
  const text = TEXT[flavor];
  const busy = s.step === 'previewing' || s.step === 'importing';
  const locked = busy || s.step === 'done';
  useEffect(() => {
    if (s.step === 'done') void experiments.getState().refresh(); // the sidebar lists what came in
  }, [s.step, experiments]);
  const footer =
    s.step === 'done' ? (
      <button type="button" className="primary" onClick={onClose} data-testid="import-done">Done</button>
    ) : (
      <>
        <button type="button" onClick={onClose} data-testid="import-close">{busy ? 'Close (keeps running)' : 'Cancel'}</button>
        {s.step === 'preview' || s.step === 'importing' ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void s.runImport()} data-testid="import-run">{s.step === 'importing' ? 'Importing…' : 'Import'}</button>
        ) : (
          <button type="button" className="primary" disabled={busy} onClick={() => void s.runPreview()} data-testid="import-preview-button">
            {s.step === 'previewing' ? 'Reading…' : 'Preview'}
          </button>
        )}
      </>
    );
  return (
    <TransferModal title={text.title} testId={`import-dialog-${flavor}`} onClose={onClose} footer={footer}>
      <p className="transfer-intro muted">{text.intro}</p>
      <form onSubmit={(e) => (e.preventDefault(), void (s.step === 'preview' ? s.runImport() : s.runPreview()))}>
        <PathField label={text.label} value={s.source} onChange={s.setSource} pickers={[...text.pickers]} placeholder={text.placeholder} testId="import-source" disabled={locked} autoFocus />
        {s.needsPassphrase && s.step !== 'importing' && s.step !== 'done' && (
          <div className="transfer-field">
            <label htmlFor="import-passphrase">Passphrase (the bundle is encrypted)</label>
            <input id="import-passphrase" type="password" autoComplete="off" value={s.passphrase} disabled={locked} onChange={(e) => s.setPassphrase(e.target.value)} data-testid="import-passphrase" autoFocus />
          </div>
        )}
        {flavor === 'mlflow' && (s.artifactsDir || (s.preview?.missingCount ?? 0) > 0) && (
          <PathField
            label="Artifacts moved? Their folder now (optional)"
            value={s.artifactsDir}
            onChange={s.setArtifactsDir}
            pickers={[{ purpose: 'artifacts-folder', label: 'Folder…' }]}
            placeholder="/data/mlartifacts"
            testId="import-artifacts-dir"
            disabled={locked}
          />
        )}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
      {s.error && <ErrorNote message={s.error} />}
      {s.step === 'previewing' && <TransferProgress jobId={s.jobId} label="Reading the source…" />}
      {s.preview && s.step !== 'done' && <ImportPreview preview={s.preview} clash={s.clash} onClash={s.setClash} busy={busy} stale={s.step === 'previewing'} />}
      {s.step === 'importing' && <TransferProgress jobId={s.jobId} label="Starting the import…" />}
      {s.step === 'done' && s.ended && <ImportSummary ended={s.ended} result={s.result} onFollow={onClose} />}
    </TransferModal>
  );
}
