import type { JobView } from '../../../shared/ipc/sync-types';
import type { ImportReportView } from '../../../shared/ipc/transfer-types';
import { formatRoute } from '../../state/route';
import { failureOf } from '../../state/transfer-job-wait';
import { MissingList } from './MissingList';
import { useReveal } from './use-reveal';
import { ProblemList } from './ProblemList';
import { countPhrases, plural } from './transfer-format';

interface Props {
  ended: JobView;
  result: ImportReportView | null;
  /** Called when a link is followed (the dialog closes). */
  onFollow(): void;
}

/** How it went: ok (missing files alone do not make an import fail), cancelled, or stopped by a problem. */
export function importTone(ended: JobView, result: ImportReportView | null): 'ok' | 'cancelled' | 'failed' {
  if (ended.state === 'cancelled' || result?.cancelled) return 'cancelled';
  if (ended.state === 'succeeded') return 'ok';
  return result && result.problems.length === 0 ? 'ok' : 'failed';
}

function headline(ended: JobView, result: ImportReportView | null, tone: ReturnType<typeof importTone>): string {
  if (!result) return tone === 'cancelled' ? 'Import cancelled.' : failureOf(ended);
  const what = countPhrases(result.counts);
  if (tone === 'cancelled') return what.length ? `Import cancelled after bringing in ${what.join(', ')}.` : 'Import cancelled before anything came in.';
  if (tone === 'failed') return `The import stopped at a problem${what.length ? ` after bringing in ${what.join(', ')}` : ''}.`;
  return what.length ? `Imported ${what.join(', ')}.` : 'Nothing new: everything in this source was already here.';
}

/** How the import ended, with links to the experiments and models that came in. */
export function ImportSummary({ ended, result, onFollow }: Props) {
  const tone = importTone(ended, result);
  const ref = useReveal<HTMLElement>();
  const names = new Map((result?.experiments ?? []).filter((e) => e.localId).map((e) => [e.localId!, e.localName ?? e.name]));
  const runsOf = new Map((result?.experiments ?? []).filter((e) => e.localId).map((e) => [e.localId!, e.runs]));
  const actionOf = new Map((result?.experiments ?? []).filter((e) => e.localId).map((e) => [e.localId!, e.action]));
  // links to what came in: an experiment here already that got no runs (the store's Default, say) is left out
  const links = (result?.experimentIds ?? []).filter((id) => (runsOf.get(id) ?? 1) > 0 || actionOf.get(id) === 'new');
  return (
    <section ref={ref} className={`transfer-summary ${tone}`} data-testid="import-summary" data-state={tone}>
      <p className="transfer-summary-line" data-testid="import-summary-line">
        {tone === 'ok' ? '✓ ' : ''}
        {headline(ended, result, tone)}
      </p>
      {tone === 'cancelled' && result && countPhrases(result.counts).length > 0 && <p className="muted">What came in stays; import the same source again to bring the rest (nothing is copied twice).</p>}
      {tone === 'failed' && result && <p className="muted">Only whole items were written. Fix the source and import it again to bring the rest (nothing is copied twice).</p>}
      {links.length > 0 && (
        <>
          <h3>Experiments</h3>
          <ul className="transfer-links" data-testid="import-result-experiments">
            {links.map((id) => (
              <li key={id}>
                <a href={formatRoute({ page: 'experiment', experimentId: id })} onClick={onFollow} data-testid="import-result-link" data-experiment-id={id}>{names.get(id) ?? `experiment ${id}`}</a>
                {runsOf.has(id) && <span className="muted"> · {plural(runsOf.get(id)!, 'run')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {result && result.models.length > 0 && (
        <>
          <h3>Registered models</h3>
          <ul className="transfer-links" data-testid="import-result-models">
            {result.models.map((m) => (
              <li key={m}><a href={formatRoute({ page: 'model', name: m })} onClick={onFollow}>{m}</a></li>
            ))}
          </ul>
        </>
      )}
      {result && result.problems.length > 0 && <ProblemList problems={result.problems} title="Problems" />}
      {result && result.missingCount > 0 && <MissingList report={result} />}
    </section>
  );
}
