import Papa from 'papaparse';

/** How many rows a table preview shows. */
export const TABLE_ROW_LIMIT = 1000;

export interface TablePreview {
  header: string[];
  /** The first rows (at most TABLE_ROW_LIMIT), each padded or cut to the header's width. */
  rows: string[][];
  /** Data rows in the text (header excluded). */
  totalRows: number;
  delimiter: string;
  /** Papaparse's complaints, first few only. */
  errors: string[];
}

/** Comma, tab, semicolon or pipe: whichever splits the first lines most consistently. */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 6).filter((l) => l.length > 0);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';', '|']) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0 || !counts.every((c) => c === first)) continue;
    if (first > bestScore) [best, bestScore] = [d, first];
  }
  return best;
}

/**
 * CSV/TSV text → the first rows for a table. The first line is the header; a text cut short
 * (a partial read) loses its last, possibly incomplete, line.
 */
export function parseDelimited(text: string, opts: { delimiter?: string; truncated?: boolean } = {}): TablePreview {
  const body = opts.truncated ? text.slice(0, Math.max(0, text.lastIndexOf('\n'))) : text;
  const delimiter = opts.delimiter ?? sniffDelimiter(body);
  const result = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: 'greedy' });
  const [head = [], ...data] = result.data;
  const width = Math.max(head.length, ...data.slice(0, TABLE_ROW_LIMIT).map((r) => r.length));
  const header = Array.from({ length: width }, (_, i) => head[i] ?? `column ${i + 1}`);
  const rows = data.slice(0, TABLE_ROW_LIMIT).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  const errors = result.errors.slice(0, 3).map((e) => `row ${(e.row ?? 0) + 1}: ${e.message}`);
  return { header, rows, totalRows: data.length, delimiter, errors };
}
