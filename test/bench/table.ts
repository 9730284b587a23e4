// Plain-text results table: metric, MLflow, Sextant, ratio, target, met? — with numbered
// footnotes for values measured at a different scale or extrapolated.
import { type EvaluatedRow, type Unit } from './report';

const present = (v: number | undefined): v is number => v !== undefined && !Number.isNaN(v);

export function formatValue(v: number | undefined, unit: Unit): string {
  if (!present(v)) return 'n/a';
  const fixed = (d: number) => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  switch (unit) {
    case 'points/s':
    case 'req/s':
      return v >= 100 ? fixed(0) : fixed(1);
    case 'ms':
      return `${v >= 100 ? fixed(0) : v >= 10 ? fixed(1) : fixed(2)} ms`;
    case 's':
      return `${v >= 100 ? fixed(0) : fixed(2)} s`;
    case 'MB':
      return `${fixed(1)} MB`;
    case 'MB/s':
      return `${v >= 100 ? fixed(0) : fixed(1)} MB/s`;
    case '%':
      return `${fixed(0)}%`;
  }
}

function formatRatio(r: number | undefined): string {
  if (r === undefined) return '—';
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

function metText(m: boolean | undefined, hasTarget: boolean): string {
  if (!hasTarget) return '';
  return m === undefined ? 'n/a' : m ? 'yes' : 'NO';
}

export function renderTable(rows: EvaluatedRow[]): string {
  const notes: string[] = [];
  const mark = (note: string | undefined): string => {
    if (!note) return '';
    let i = notes.indexOf(note);
    if (i < 0) i = notes.push(note) - 1;
    return ` [${i + 1}]`;
  };
  // the encrypted columns only when some row has an encrypted value (--targets …,sextant-encrypted)
  const withEncrypted = rows.some((r) => present(r.encrypted));
  const header = ['workload', 'metric', 'MLflow', 'Sextant', 'ratio', 'target', 'met?', ...(withEncrypted ? ['encrypted', 'enc/plain', 'enc target', 'met?'] : [])];
  const body = rows.map((r) => [
    r.workload,
    r.unit === 'points/s' || r.unit === 'req/s' ? `${r.metric} (${r.unit})` : r.metric,
    formatValue(r.mlflow, r.unit) + mark(present(r.mlflow) ? r.mlflowNote : undefined),
    formatValue(r.sextant, r.unit) + mark(present(r.sextant) ? r.sextantNote : undefined),
    formatRatio(r.ratio),
    r.targetText,
    metText(r.met, r.target !== undefined),
    ...(withEncrypted
      ? [
          present(r.encrypted) ? formatValue(r.encrypted, r.unit) + mark(r.encryptedNote) : '',
          r.encryptedRatio === undefined ? '' : `${(r.encryptedRatio * 100).toFixed(0)}%`,
          r.encryptedTarget === undefined ? '' : `≥${(r.encryptedTarget * 100).toFixed(0)}%`,
          r.encryptedTarget === undefined || !present(r.encrypted) ? '' : metText(r.encryptedMet, true),
        ]
      : []),
  ]);
  const all = [header, ...body];
  const widths = header.map((_, c) => Math.max(...all.map((line) => (line[c] ?? '').length)));
  const right = new Set([2, 3, 4, 7, 8]);
  const fmt = (line: string[]) =>
    line.map((cell, c) => (right.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [fmt(header), rule, ...body.map(fmt)];
  if (notes.length) lines.push('', ...notes.map((n, i) => `[${i + 1}] ${n}`));
  lines.push('', 'ratio = how many times better Sextant is (throughput: Sextant/MLflow; time and latency: MLflow/Sextant).');
  if (withEncrypted) lines.push('enc/plain = Sextant on an encrypted store as a share of the plain one (throughput: encrypted/plain; time: plain/encrypted); issue 12 asks ≥80%.');
  return lines.join('\n');
}
