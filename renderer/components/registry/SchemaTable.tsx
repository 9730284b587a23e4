import type { Signature } from '../artifacts/model-signature';
import { SchemaTable as Part } from '../artifacts/viewers/SchemaTable';

const PARTS: [keyof Signature, string][] = [['inputs', 'Inputs'], ['outputs', 'Outputs'], ['params', 'Params']];

/** A model signature (inputs, outputs, params) as tables of name, type and required/default. */
export function SchemaTable({ signature }: { signature: Signature | null }) {
  if (!signature) return <p className="muted">This model was logged without a signature.</p>;
  return (
    <div className="reg-columns">
      {PARTS.map(([key, title]) => {
        const rows = signature[key];
        return rows && rows.length > 0 ? <Part key={key} title={title} rows={rows} testId="schema-table" /> : null;
      })}
    </div>
  );
}
