import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { base64ToBytes, decodeText } from '../artifacts/bytes';
import { ErrorNote } from '../ErrorNote';
import { exampleTable, type InputExampleInfo } from './input-example';

const MAX_EXAMPLE = 256 * 1024;
const MAX_ROWS = 20;

/** A logged model's input example: a table when it is tabular, else its JSON. */
export function InputExample({ modelId, info, names }: { modelId: string; info: InputExampleInfo; names: readonly string[] }) {
  const { api } = useApp();
  const [text, setText] = useState<{ body: string; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.call('loggedModels.artifacts.read', { modelId, path: info.path, maxBytes: MAX_EXAMPLE }).then(
      (r) => live && setText({ body: decodeText(base64ToBytes(r.base64)), truncated: r.truncated }),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, modelId, info.path]);
  const table = useMemo(() => {
    if (!text || text.truncated) return null;
    try {
      return exampleTable(JSON.parse(text.body) as unknown, names);
    } catch {
      return null;
    }
  }, [text, names]);

  if (error) return <ErrorNote message={`Could not read ${info.path}: ${error}`} />;
  if (!text) return <p className="muted">Loading the input example…</p>;
  return (
    <div data-testid="input-example" data-kind={table ? 'table' : 'text'}>
      {table ? (
        <div className="example-scroll">
          <table className="reg-table example-table">
            <thead>
              <tr>{table.columns.map((c, i) => <th key={i}>{c}</th>)}</tr>
            </thead>
            <tbody>
              {table.rows.slice(0, MAX_ROWS).map((r, i) => (
                <tr key={i}>{r.map((v, j) => <td key={j} className="mono">{v}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <pre className="example-text">{text.body}</pre>
      )}
      <p className="reg-hint">
        From <code>{info.path}</code>
        {info.type && <> ({info.type})</>}
        {table && table.rows.length > MAX_ROWS && <>; the first {MAX_ROWS} of {table.rows.length} rows</>}
        {text.truncated && <>; the first {MAX_EXAMPLE / 1024} KB</>}.
      </p>
    </div>
  );
}
