import { useMemo } from 'react';
import { parseMlModel, type MlModelView } from '../mlmodel';
import { CodeViewer } from './CodeViewer';
import { SchemaTable } from './SchemaTable';

/** An MLmodel file: how to load the model, its flavors and settings, its signature, and the facts. */
export function MlModelViewer({ text, runId, path, modelUri }: { text: string; runId: string; path: string; modelUri?: string | undefined }) {
  const parsed = useMemo((): { ok: true; view: MlModelView } | { ok: false; error: string } => {
    try {
      return { ok: true, view: parseMlModel(text, { runId, path, modelUri }) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }, [text, runId, path, modelUri]);

  if (!parsed.ok) {
    return (
      <>
        <p className="viewer-note">Could not read this MLmodel file: {parsed.error}</p>
        <CodeViewer text={text} language="yaml" />
      </>
    );
  }
  const { view } = parsed;
  return (
    <div className="mlmodel-view">
      <section>
        <h3>How to load</h3>
        <div className="snippet">
          <CodeViewer text={view.loadSnippet} language="python" />
          <button type="button" onClick={() => void navigator.clipboard?.writeText(view.loadSnippet)}>Copy</button>
        </div>
      </section>
      <section>
        <h3>Flavors</h3>
        <div className="flavors">
          {view.flavors.map((f) => (
            <div key={f.name} className="flavor" data-testid="mlmodel-flavor">
              <h4>{f.name}</h4>
              <table className="kv-table">
                <tbody>
                  {f.entries.map((e) => (
                    <tr key={e.key}>
                      <th>{e.key}</th>
                      <td><code>{e.value}</code></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {view.flavors.length === 0 && <p className="muted">No flavors listed.</p>}
        </div>
      </section>
      <section>
        <h3>Signature</h3>
        {view.signature ? (
          <div className="schemas">
            <SchemaTable title="Inputs" rows={view.signature.inputs} />
            <SchemaTable title="Outputs" rows={view.signature.outputs} />
            <SchemaTable title="Params" rows={view.signature.params} />
          </div>
        ) : (
          <p className="muted">This model was logged without a signature.</p>
        )}
      </section>
      <section>
        <h3>Details</h3>
        <table className="kv-table">
          <tbody>
            {view.facts.map((f) => (
              <tr key={f.key}>
                <th>{f.key}</th>
                <td><code>{f.value}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
