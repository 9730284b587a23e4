import type { Run } from '../../../shared/domain/tracking';

const copy = (text: string) => void navigator.clipboard?.writeText(text);

/** Models this run logged (`outputs.model_outputs`) and used (`inputs.model_inputs`), by id. */
export function LoggedModels({ run }: { run: Run }) {
  const outputs = run.outputs.model_outputs ?? [];
  const inputs = run.inputs.model_inputs ?? [];
  if (outputs.length === 0 && inputs.length === 0) return null;
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
            <tr key={`out-${m.model_id}-${m.step}`} data-testid="run-model">
              <td><code>{m.model_id}</code></td>
              <td className="muted">step {m.step}</td>
              <td className="actions">
                <button type="button" title={`mlflow.pyfunc.load_model("models:/${m.model_id}")`} onClick={() => copy(`models:/${m.model_id}`)}>Copy URI</button>
              </td>
            </tr>
          ))}
          {inputs.map((m) => (
            <tr key={`in-${m.model_id}`}>
              <td><code>{m.model_id}</code></td>
              <td className="muted" colSpan={2}>used as input</td>
            </tr>
          ))}
        </tbody>
      </table>
      {outputs.length > 0 && <p className="muted hint">Load one with <code>mlflow.pyfunc.load_model(&quot;models:/&lt;model id&gt;&quot;)</code>.</p>}
    </section>
  );
}
