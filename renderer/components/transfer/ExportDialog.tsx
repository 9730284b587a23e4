import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { useExperiments } from '../../state/experiments-store';
import { createExportStore, useExport } from '../../state/transfer-export-store';
import { ErrorNote } from '../ErrorNote';
import { ExportFields } from './ExportFields';
import { ExportSummary } from './ExportSummary';
import { TransferModal } from './TransferModal';
import { TransferProgress } from './TransferProgress';

/** Export bundle…: experiments and models with checkboxes, full or since an earlier bundle, an optional passphrase, the new file. */
export function ExportDialog({ preselect, onClose }: { preselect: string[]; onClose(): void }) {
  const { api, jobs, experiments } = useApp();
  const list = useExperiments(experiments, (s) => s.list);
  const names = useMemo(() => list.filter((e) => e.lifecycle_stage === 'active').map((e) => e.name), [list]);
  const [store] = useState(() => createExportStore(api, jobs, { experiments: preselect }));
  const s = useExport(store, (st) => st);
  useEffect(() => void store.getState().loadModels(), [store]);
  const busy = s.step === 'exporting';
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
      {s.step !== 'done' && <ExportFields form={s.form} experimentNames={names} modelNames={s.modelNames} update={s.update} locked={busy} />}
      {s.error && <ErrorNote message={s.error} />}
      {busy && <TransferProgress jobId={s.jobId} label="Starting the export…" />}
      {s.step === 'done' && s.ended && <ExportSummary ended={s.ended} result={s.result} />}
    </TransferModal>
  );
}
