import type { JobView } from '../../../shared/ipc/sync-types';
import type { ImportReportView } from '../../../shared/ipc/transfer-types';
import { formatRoute } from '../../state/route';
import { failureOf } from '../../state/transfer-job-wait';
import { MissingList } from './MissingList';
import { countPhrases } from './transfer-format';

interface Props {
  ended: JobView;
  result: ImportReportView | null;
  /** Called when a link is followed (the dialog closes). */
  onFollow(): void;
}

/** How the import ended, with links to the experiments and models that came in. */
export function ImportSummary({ ended, result, onFollow }: Props) {
  const ok = ended.state === 'succeeded';
  const cameIn = result?.experiments.filter((e) => e.localId) ?? [];
  const phrases = result ? countPhrases(result.counts) : [];
  const problems = ended.outcome?.problems ?? [];
  return (
    <section className={`transfer-summary ${ok ? 'ok' : ended.state}`} data-testid="import-summary" data-state={ended.state}>
      <p className="transfer-summary-line" data-testid="import-summary-line">
        {ok ? '✓ ' : ''}
        {ended.state === 'failed' ? failureOf(ended) : (ended.outcome?.summary ?? (ok ? 'Imported.' : 'Cancelled.'))}
      </p>
      {ended.state === 'cancelled' && <p className="muted">What came in before the cancel stays; importing the same source again brings the rest.</p>}
      {ended.state === 'failed' && <p className="muted">Only whole items were written; fix the source and import it again to bring the rest (what is there already is not duplicated).</p>}
      {phrases.length > 0 && <p data-testid="import-summary-counts">{ok ? 'Came in' : 'Came in before it stopped'}: {phrases.join(', ')}.</p>}
      {cameIn.length > 0 && (
        <>
          <h3>Experiments</h3>
          <ul className="transfer-links" data-testid="import-result-experiments">
            {cameIn.map((e) => (
              <li key={e.localId}>
                <a href={formatRoute({ page: 'experiment', experimentId: e.localId! })} onClick={onFollow} data-testid="import-result-link">{e.name}</a>
                <span className="muted"> {e.runs.toLocaleString('en-US')} new run{e.runs === 1 ? '' : 's'}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {result && result.models.length > 0 && (
        <>
          <h3>Registered models</h3>
          <ul className="transfer-links">
            {result.models.map((m) => (
              <li key={m}><a href={formatRoute({ page: 'model', name: m })} onClick={onFollow}>{m}</a></li>
            ))}
          </ul>
        </>
      )}
      {problems.length > 1 && (
        <ul className="job-problems" data-testid="import-problems">
          {problems.slice(0, 20).map((p, i) => (
            <li key={i}><code>{p.item}</code> {p.message}</li>
          ))}
        </ul>
      )}
      {result && result.missingCount > 0 && <MissingList report={result} />}
    </section>
  );
}
