import type { DatasetInput } from '../../../shared/domain/tracking';
import { datasetContext, datasetSchema } from './run-facts';

const SCHEMA_PREVIEW = 50;

function Dataset({ input }: { input: DatasetInput }) {
  const { dataset } = input;
  const context = datasetContext(input);
  const columns = datasetSchema(dataset.schema);
  return (
    <li className="dataset" data-testid="run-dataset">
      <div className="dataset-head">
        <strong>{dataset.name}</strong>
        {context && <span className="pill">{context}</span>}
        <span className="muted">
          digest <code>{dataset.digest}</code> · {dataset.source_type}
        </span>
      </div>
      {columns && columns.length > 0 && (
        <details>
          <summary>Schema ({columns.length} columns)</summary>
          <table className="kv-table">
            <tbody>
              {columns.slice(0, SCHEMA_PREVIEW).map((c, i) => (
                <tr key={i}>
                  <th>{c.name}</th>
                  <td><code>{c.type}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          {columns.length > SCHEMA_PREVIEW && <p className="muted">… and {columns.length - SCHEMA_PREVIEW} more</p>}
        </details>
      )}
      {dataset.source && (
        <details>
          <summary>Source</summary>
          <pre className="dataset-source">{dataset.source}</pre>
        </details>
      )}
    </li>
  );
}

/** The datasets the run used (`run.inputs.dataset_inputs`): name, digest, source, context, schema. */
export function DatasetsList({ inputs }: { inputs: DatasetInput[] | undefined }) {
  if (!inputs?.length) return null;
  return (
    <section className="run-section" data-testid="run-datasets">
      <h2>Datasets ({inputs.length})</h2>
      <ul className="datasets">
        {inputs.map((d, i) => (
          <Dataset key={`${d.dataset.name}-${d.dataset.digest}-${i}`} input={d} />
        ))}
      </ul>
    </section>
  );
}
