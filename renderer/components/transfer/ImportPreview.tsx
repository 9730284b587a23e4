import type { ClashChoice, ImportReportView } from '../../../shared/ipc/transfer-types';
import { MissingList } from './MissingList';
import { countPhrases, nothingNew, plural, sourceLine } from './transfer-format';

interface Props {
  preview: ImportReportView;
  clash: ClashChoice;
  onClash(clash: ClashChoice): void;
  disabled: boolean;
}

/** What the dry run found: what will come in, which experiment names clash (and what to do), what is missing. */
export function ImportPreview({ preview, clash, onClash, disabled }: Props) {
  const clashing = new Set(preview.clashes.map((c) => c.name));
  const phrases = countPhrases(preview.counts);
  return (
    <section className="transfer-preview" data-testid="import-preview">
      <p className="transfer-source muted" data-testid="import-source-kind">{sourceLine(preview)}</p>
      {nothingNew(preview) ? (
        <p className="transfer-nothing" data-testid="import-nothing-new">Everything in this source is already in the store: importing it changes nothing.</p>
      ) : (
        <>
          <h3>What will come in</h3>
          <ul className="transfer-counts" data-testid="import-counts">
            {phrases.map((p) => <li key={p}>{p}</li>)}
          </ul>
        </>
      )}
      {preview.experiments.length > 0 && (
        <table className="transfer-table" data-testid="import-experiments">
          <thead>
            <tr><th>Experiment</th><th className="num">New runs</th><th>In this store</th></tr>
          </thead>
          <tbody>
            {preview.experiments.map((e) => (
              <tr key={e.name} data-testid="import-experiment" data-clash={clashing.has(e.name) ? 'true' : 'false'}>
                <td className="transfer-name" title={e.name}>{e.name}</td>
                <td className="num">{e.runs.toLocaleString('en-US')}</td>
                <td>{clashing.has(e.name) ? <span className="transfer-badge clash">name taken</span> : e.localId ? <span className="transfer-badge same">already here</span> : <span className="transfer-badge new">new</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.models.length > 0 && <p className="muted">Registered models: {preview.models.join(', ')}</p>}
      {preview.clashes.length > 0 && (
        <fieldset className="transfer-clash" disabled={disabled} data-testid="import-clashes">
          <legend>
            {plural(preview.clashes.length, 'experiment name')} {preview.clashes.length === 1 ? 'is' : 'are'} already used in this store: {preview.clashes.map((c) => c.name).join(', ')}
          </legend>
          <label className="transfer-radio">
            <input type="radio" name="clash" value="merge" checked={clash === 'merge'} onChange={() => onClash('merge')} data-testid="clash-merge" />
            <span><strong>Import into the existing experiment</strong> <span className="muted">— its runs and the imported ones side by side (run ids never clash)</span></span>
          </label>
          <label className="transfer-radio">
            <input type="radio" name="clash" value="rename" checked={clash === 'rename'} onChange={() => onClash('rename')} data-testid="clash-rename" />
            <span>
              <strong>Import as a new experiment</strong>{' '}
              <span className="muted">— under a new name{preview.clashes[0]?.renamedTo ? ` (e.g. “${preview.clashes[0].renamedTo}”)` : ''}, the existing one untouched</span>
            </span>
          </label>
        </fieldset>
      )}
      {preview.missingCount > 0 && <MissingList report={preview} future />}
    </section>
  );
}
