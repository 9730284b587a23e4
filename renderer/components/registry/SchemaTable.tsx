import type { SchemaRow, Signature } from '../artifacts/model-signature';

const PARTS: [keyof Signature, string][] = [['inputs', 'Inputs'], ['outputs', 'Outputs'], ['params', 'Params']];

function Part({ title, rows }: { title: string; rows: SchemaRow[] }) {
  const isParams = rows.some((r) => r.default !== undefined);
  return (
    <div className="schema-part">
      <h3>{title}</h3>
      <table className="reg-table" data-testid="schema-table" data-part={title.toLowerCase()}>
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>{isParams ? 'Default' : 'Required'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="wrap">{r.name}</td>
              <td className="mono">{r.type}</td>
              <td className={isParams ? 'mono' : ''}>{isParams ? r.default : r.required === null ? '—' : r.required ? 'yes' : 'optional'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A model signature (inputs, outputs, params) as tables of name, type and required/default. */
export function SchemaTable({ signature }: { signature: Signature | null }) {
  if (!signature) return <p className="muted">This model was logged without a signature.</p>;
  return (
    <div className="reg-columns">
      {PARTS.map(([key, title]) => {
        const rows = signature[key];
        return rows && rows.length > 0 ? <Part key={key} title={title} rows={rows} /> : null;
      })}
    </div>
  );
}
