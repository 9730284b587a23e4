/** MLflow model signatures (`signature:` in MLmodel): JSON column, tensor and param specs → table rows. */

export interface SchemaRow {
  name: string;
  type: string;
  /** Column specs: required or optional; tensors and params: null. */
  required: boolean | null;
  /** Params only: the default value, as JSON. */
  default?: string;
}

export interface Signature {
  inputs: SchemaRow[] | null;
  outputs: SchemaRow[] | null;
  params: SchemaRow[] | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

/** A type as MLflow's schema writes it: `double`, `array<string>`, `object{a: long}`, `tensor float32 (-1, 28, 28)`. */
export function describeType(spec: unknown, depth = 0): string {
  if (!isRecord(spec) || depth > 8) return text(spec);
  if (spec.type === 'tensor' && isRecord(spec['tensor-spec'])) {
    const t = spec['tensor-spec'];
    const shape = Array.isArray(t.shape) ? ` (${t.shape.map(text).join(', ')})` : '';
    return `tensor ${text(t.dtype)}${shape}`;
  }
  if (spec.type === 'array') return `array<${describeType(spec.items, depth + 1)}>`;
  if (spec.type === 'map') return `map<string, ${describeType(spec.values, depth + 1)}>`;
  if (spec.type === 'object' && isRecord(spec.properties)) {
    const props = Object.entries(spec.properties).map(([k, v]) => `${k}: ${describeType(v, depth + 1)}`);
    return `object{${props.join(', ')}}`;
  }
  return typeof spec.type === 'string' ? spec.type : text(spec.type);
}

function schemaRows(raw: unknown, isParams: boolean): SchemaRow[] | null {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return [{ name: '(unreadable)', type: raw, required: null }];
    }
  }
  if (!Array.isArray(value)) return null;
  return value.map((spec: unknown, i) => {
    const s = isRecord(spec) ? spec : {};
    const name = typeof s.name === 'string' ? s.name : `[${i}]`;
    const row: SchemaRow = { name, type: describeType(spec), required: isParams || s.type === 'tensor' ? null : s.required !== false };
    if (isParams) {
      row.default = text(s.default);
      if (s.shape !== undefined && s.shape !== null) row.type += ` (${text(s.shape)})`;
    }
    return row;
  });
}

/** The `signature:` mapping of an MLmodel file, or null when there is none. */
export function parseSignature(raw: unknown): Signature | null {
  if (!isRecord(raw)) return null;
  return { inputs: schemaRows(raw.inputs, false), outputs: schemaRows(raw.outputs, false), params: schemaRows(raw.params, true) };
}
