import type { PlotLine } from './plot-lines';

/**
 * A CSV cell: quoted when it holds a comma, quote or line break, and text that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR at the start) prefixed with a quote.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The points shown in one chart (inside the zoom window, if any), one row per point, runs one after another. */
export function chartCsv(lines: readonly PlotLine[], window: [number, number] | null): string {
  const smoothing = lines.some((l) => l.smooth);
  const rows = [['run_id', 'run_name', 'step', 'timestamp', 'value', ...(smoothing ? ['smoothed'] : [])].join(',')];
  for (const line of lines) {
    for (let i = 0; i < line.x.length; i++) {
      if (window && (line.x[i]! < window[0] || line.x[i]! > window[1])) continue;
      const cells = [line.run.id, line.run.name, line.steps[i]!, line.timestamps[i]!, line.raw[i] ?? null];
      if (smoothing) cells.push(line.smooth?.[i] ?? null);
      rows.push(cells.map(csvCell).join(','));
    }
  }
  return rows.join('\r\n') + '\r\n';
}
