import type { ClashChoice, ImportReportView } from '../../../shared/ipc/transfer-types';
import { MissingList } from './MissingList';
import { useReveal } from './use-reveal';
import { ProblemList } from './ProblemList';
import { countPhrases, experimentFate, nothingNew, plural, sourceLine } from './transfer-format';

interface Props {
  preview: ImportReportView;
  clash: ClashChoice;
  onClash(clash: ClashChoice): void;
  /** While a job runs: the choice is locked. */
  busy: boolean;
  /** While the dry run runs again (after a new clash choice): what is shown is the last one's. */
  stale: boolean;
}

/** What the dry run found: what will come in, which names clash (and what to do), what is missing or damaged. */
export function ImportPreview({ preview, clash, onClash, busy, stale }: Props) {
  const ref = useReveal<HTMLElement>();
  const clashOf = new Map(preview.clashes.filter((c) => c.kind === 'experiment').map((c) => [c.name, c]));
  const phrases = countPhrases(preview.counts);
  const unchanged = preview.counts.runsUnchanged;
  // an experiment here already that gets nothing (the store's Default, say) is not worth a row
  const rows = preview.experiments.filter((e) => e.runs > 0 || e.action !== 'merged' || clashOf.has(e.name));
  return (
    <section ref={ref} className={`transfer-preview${stale ? ' stale' : ''}`} data-testid="import-preview" aria-busy={stale}>
      <p className="transfer-source muted" data-testid="import-source-kind">{sourceLine(preview)}</p>
      {nothingNew(preview) ? (
        <p className="transfer-nothing" data-testid="import-nothing-new">Everything in this source is already in the store: importing it changes nothing.</p>
      ) : (
        <>
          <h3>What will come in</h3>
          <ul className="transfer-counts" data-testid="import-counts">
            {phrases.map((p) => <li key={p}>{p}</li>)}
          </ul>
          {unchanged > 0 && <p className="muted">{plural(unchanged, 'run')} {unchanged === 1 ? 'is' : 'are'} here already as in the source.</p>}
        </>
      )}
      {preview.clashes.length > 0 && (
        <fieldset className="transfer-clash" disabled={busy} data-testid="import-clashes">
          <legend>{preview.clashes.length === 1 ? 'A name is taken' : `${preview.clashes.length} names are taken`}</legend>
          <p className="transfer-clash-names">
            Already used here by {preview.clashes.length === 1 ? 'an experiment or model' : 'experiments or models'} that did not come from this source:{' '}
            <strong>{preview.clashes.map((c) => `${c.name}${c.kind === 'registered_model' ? ' (registered model)' : ''}`).join(', ')}</strong>
          </p>
          <label className="transfer-radio">
            <input type="radio" name="clash" value="merge" checked={clash === 'merge'} onChange={() => onClash('merge')} data-testid="clash-merge" />
            <span><strong>Import into the existing one</strong> <span className="muted">— side by side with what is there (run ids never clash)</span></span>
          </label>
          <label className="transfer-radio">
            <input type="radio" name="clash" value="rename" checked={clash === 'rename'} onChange={() => onClash('rename')} data-testid="clash-rename" />
            <span><strong>Import under a new name</strong> <span className="muted">— e.g. “{preview.clashes[0]!.name} (imported)”; the existing one is left as it is</span></span>
          </label>
        </fieldset>
      )}
      {rows.length > 0 && (
        <table className="transfer-table" data-testid="import-experiments">
          <thead>
            <tr><th>Experiment</th><th className="num">Runs</th><th>Here</th></tr>
          </thead>
          <tbody>
            {rows.map((e) => {
              const c = clashOf.get(e.name);
              return (
                <tr key={`${e.name}/${e.localId}`} data-testid="import-experiment" data-clash={c ? 'true' : 'false'}>
                  <td className="transfer-name" title={e.name}>{e.name}</td>
                  <td className="num">{e.runs.toLocaleString('en-US')}</td>
                  <td className={`transfer-fate ${c ? 'clash' : e.action}`}>{experimentFate(e, c)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {preview.models.length > 0 && <p className="transfer-models muted">Registered models: {preview.models.join(', ')}</p>}
      {preview.problems.length > 0 && <ProblemList problems={preview.problems} title="Found in the source" />}
      {preview.missingCount > 0 && <MissingList report={preview} future />}
    </section>
  );
}
