import type { SchemaRow, Signature } from '../artifacts/model-signature';

export type SchemaPart = 'inputs' | 'outputs' | 'params';
export const SCHEMA_PARTS: readonly SchemaPart[] = ['inputs', 'outputs', 'params'];

/** One field of the signatures across versions: its description in each (null: absent there). */
export interface SchemaDiffRow {
  part: SchemaPart;
  name: string;
  cells: (string | null)[];
  differs: boolean;
}

/** How a field reads in a comparison: type, then optional or the params default. */
export function describeField(row: SchemaRow): string {
  if (row.default !== undefined) return `${row.type} = ${row.default}`;
  return row.required === false ? `${row.type} (optional)` : row.type;
}

/**
 * Lines up the signatures of several versions field by field, in order of first appearance.
 * A version without a signature (null) has every field absent.
 */
export function diffSchemas(signatures: readonly (Signature | null)[]): SchemaDiffRow[] {
  const out: SchemaDiffRow[] = [];
  for (const part of SCHEMA_PARTS) {
    const maps = signatures.map((s) => {
      const m = new Map<string, string>();
      for (const row of s?.[part] ?? []) if (!m.has(row.name)) m.set(row.name, describeField(row));
      return m;
    });
    const names: string[] = [];
    for (const m of maps) for (const k of m.keys()) if (!names.includes(k)) names.push(k);
    for (const name of names) {
      const cells = maps.map((m) => m.get(name) ?? null);
      out.push({ part, name, cells, differs: cells.some((c) => c !== cells[0]) });
    }
  }
  return out;
}
