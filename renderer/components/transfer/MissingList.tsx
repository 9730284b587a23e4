import type { ImportReportView } from '../../../shared/ipc/transfer-types';
import { plural } from './transfer-format';

/** Files the source points at that are not there: listed (folded), never fatal. */
export function MissingList({ report, future = false }: { report: ImportReportView; future?: boolean }) {
  const shown = report.missing.slice(0, 50);
  return (
    <details className="transfer-missing" data-testid="import-missing">
      <summary>
        {plural(report.missingCount, 'artifact file')} the source points at {report.missingCount === 1 ? 'is' : 'are'} missing
        {future ? ': the rest imports without ' : ' and did not come in'}
        {future ? (report.missingCount === 1 ? 'it' : 'them') : ''}
      </summary>
      <ul>
        {shown.map((m, i) => (
          <li key={i}>
            <code title={m.path}>{m.path}</code> <span className="muted">of {m.item}{m.reason ? `: ${m.reason}` : ''}</span>
          </li>
        ))}
        {report.missingCount > shown.length && <li className="muted">and {(report.missingCount - shown.length).toLocaleString('en-US')} more</li>}
      </ul>
    </details>
  );
}
