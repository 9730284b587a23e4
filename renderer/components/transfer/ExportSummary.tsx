import type { JobView } from '../../../shared/ipc/sync-types';
import type { ExportReportView } from '../../../shared/ipc/transfer-types';
import { failureOf } from '../../state/transfer-job-wait';
import { exportLine, plural } from './transfer-format';

/** How the export ended: what went into which file (and how to carry it), or why there is no file. */
export function ExportSummary({ ended, result }: { ended: JobView; result: ExportReportView | null }) {
  const ok = ended.state === 'succeeded';
  return (
    <section className={`transfer-summary ${ok ? 'ok' : ended.state}`} data-testid="export-summary" data-state={ended.state}>
      <p className="transfer-summary-line" data-testid="export-summary-line">
        {ok ? `✓ ${result ? exportLine(result) : (ended.outcome?.summary ?? 'Exported.')}` : ended.state === 'failed' ? failureOf(ended) : 'Export cancelled: no bundle was written.'}
      </p>
      {ok && result && result.lazyFilesLeftOut > 0 && (
        <p className="transfer-left-out" data-testid="export-left-out">
          {plural(result.lazyFilesLeftOut, 'artifact file')} of pulled runs {result.lazyFilesLeftOut === 1 ? 'was' : 'were'} never downloaded and {result.lazyFilesLeftOut === 1 ? 'is' : 'are'} not in the bundle: open {result.lazyFilesLeftOut === 1 ? 'it' : 'them'} once (or pull with <code>--artifacts eager</code>) and export again to include {result.lazyFilesLeftOut === 1 ? 'it' : 'them'}.
        </p>
      )}
      {ok && (
        <p className="muted">
          Every part of the bundle is checksummed: on the other machine, choose Import bundle… (or run <code>sextant import FILE</code>); a damaged copy is refused before anything is written.
          {result?.encrypted ? ' It asks for the passphrase, which is kept nowhere: keep it apart from the file.' : ''}
          {result?.incremental ? ' Import the bundle it follows first.' : ''}
        </p>
      )}
    </section>
  );
}
