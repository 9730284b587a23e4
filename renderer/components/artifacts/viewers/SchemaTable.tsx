import type { SchemaRow } from '../model-signature';

/** A signature's inputs, outputs or params as a table of name, type and required/default. */
export function SchemaTable({ title, rows, testId }: { title: string; rows: SchemaRow[] | null; testId?: string }) {
  if (!rows) return null;
  const isParams = rows.some((r) => r.default !== undefined);
  return (
    <div className="schema">
      <h4>{title}</h4>
      <table className="kv-table" data-testid={testId} data-part={title.toLowerCase()}>
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
              <td>{r.name}</td>
              <td><code>{r.type}</code></td>
              <td>{isParams ? <code>{r.default}</code> : r.required === null ? '—' : r.required ? 'yes' : 'optional'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
