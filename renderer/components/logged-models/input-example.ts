import { parse } from 'yaml';

/** Where an MLmodel says its input example is (`saved_input_example_info`), relative to the model's files. */
export interface InputExampleInfo {
  path: string;
  /** `dataframe`, `ndarray`, `json_object`, …, as MLflow wrote it; '' when unsaid. */
  type: string;
}

/** A table to show an input example as: column names and the rows' cells as text. */
export interface ExampleTable {
  columns: string[];
  rows: string[][];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const cell = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

/** The input example an MLmodel file points at, or null (none, or not YAML). */
export function inputExampleInfo(mlmodel: string | null): InputExampleInfo | null {
  if (!mlmodel) return null;
  let doc: unknown;
  try {
    doc = parse(mlmodel, { maxAliasCount: 50 });
  } catch {
    return null;
  }
  const info = isRecord(doc) ? doc.saved_input_example_info : undefined;
  if (!isRecord(info) || typeof info.artifact_path !== 'string' || !info.artifact_path) return null;
  return { path: info.artifact_path, type: typeof info.type === 'string' ? info.type : '' };
}

const rowsOf = (data: unknown): unknown[][] | null => (Array.isArray(data) && data.length > 0 && data.every(Array.isArray) ? (data as unknown[][]) : null);

/**
 * An input example's JSON as a table when it is tabular: a split-oriented frame (`{columns,
 * data}`, also under `dataframe_split`), a list of records, or a 2-D array (bare or under
 * `inputs`), whose columns take `names` (the signature's inputs) when they fit. Null otherwise:
 * show the JSON itself.
 */
export function exampleTable(json: unknown, names: readonly string[] = []): ExampleTable | null {
  const frame = isRecord(json) && isRecord(json.dataframe_split) ? json.dataframe_split : json;
  if (isRecord(frame) && Array.isArray(frame.columns) && rowsOf(frame.data)) {
    return { columns: frame.columns.map(cell), rows: rowsOf(frame.data)!.map((r) => r.map(cell)) };
  }
  if (Array.isArray(json) && json.length > 0 && json.every(isRecord)) {
    const columns = [...new Set(json.flatMap((r) => Object.keys(r)))];
    return { columns, rows: json.map((r) => columns.map((c) => (c in r ? cell(r[c]) : ''))) };
  }
  const matrix = rowsOf(isRecord(json) && 'inputs' in json ? json.inputs : json);
  if (matrix) {
    const width = Math.max(...matrix.map((r) => r.length));
    const columns = names.length === width ? [...names] : Array.from({ length: width }, (_, i) => `[${i}]`);
    return { columns, rows: matrix.map((r) => r.map(cell)) };
  }
  return null;
}
