import type { ModelVersion } from '../../../shared/domain/registry';
import type { LoggedModel, Run } from '../../../shared/domain/tracking';
import { formatRoute } from '../../state/route';
import { VersionLinks } from '../logged-models/VersionLinks';
import '../logged-models/logged-models.css';

const copy = (text: string) => void navigator.clipboard?.writeText(text);

/** "Registered as churn v2 · churn v1", or nothing for a model never registered. */
const registered = (list: readonly ModelVersion[] | undefined) =>
  list && list.length > 0 ? (
    <div className="run-model-versions">
      Registered as <VersionLinks inline versions={list} />
    </div>
  ) : null;

interface Props {
  run: Run;
  /** The run's logged models by id, for their names (an id shows until then). */
  models: Readonly<Record<string, LoggedModel>>;
  /** Versions registered from each model, by model id. */
  versions: Readonly<Record<string, ModelVersion[]>>;
}

/** Models this run logged (`outputs.model_outputs`) and used (`inputs.model_inputs`), linked to their pages, with the versions registered from them. */
export function LoggedModels({ run, models, versions }: Props) {
  const outputs = run.outputs.model_outputs ?? [];
  const inputs = run.inputs.model_inputs ?? [];
  if (outputs.length === 0 && inputs.length === 0) return null;
  const link = (modelId: string) => (
    <a href={formatRoute({ page: 'loggedModel', modelId })} data-testid="run-model-link" data-model-id={modelId} title={modelId}>
      {models[modelId]?.info.name ?? modelId}
    </a>
  );
  return (
    <section className="run-section" data-testid="run-models">
      <h2>Logged models ({outputs.length})</h2>
      <table className="kv-table wide">
        <colgroup>
          <col />
          <col className="model-step-col" />
          <col className="actions-col" />
        </colgroup>
        <tbody>
          {outputs.map((m) => (
            <tr key={`out-${m.model_id}-${m.step}`} data-testid="run-model" data-model-id={m.model_id}>
              <td>
                {link(m.model_id)}
                <div className="run-model-id"><code title={m.model_id}>{m.model_id}</code></div>
                {registered(versions[m.model_id])}
              </td>
              <td className="muted">step {m.step}</td>
              <td className="actions">
                <button type="button" title={`mlflow.pyfunc.load_model("models:/${m.model_id}")`} onClick={() => copy(`models:/${m.model_id}`)}>Copy URI</button>
              </td>
            </tr>
          ))}
          {inputs.map((m) => (
            <tr key={`in-${m.model_id}`} data-testid="run-input-model">
              <td>
                {link(m.model_id)}
                {registered(versions[m.model_id])}
              </td>
              <td className="muted" colSpan={2}>used as input</td>
            </tr>
          ))}
        </tbody>
      </table>
      {outputs.length > 0 && <p className="muted hint">Load one with <code>mlflow.pyfunc.load_model(&quot;models:/&lt;model id&gt;&quot;)</code>.</p>}
    </section>
  );
}
