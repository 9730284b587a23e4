import type { JobProgress } from './job-types';
import type { Rates } from './rate-meter';

export interface ProgressLineInput {
  /** Shown when the job reports no phase, e.g. 'push'. */
  kind: string;
  progress: JobProgress;
  rates: Rates | null;
  /** Terminal columns: the line stays shorter, so it never wraps. */
  width: number;
}

/**
 * The single updating progress line, e.g.
 * `uploading artifacts  37%  42/100 items  1.2 GiB/3.4 GiB  12 MiB/s  ETA 3m 12s  runs/abc/model.pkl`.
 * When the terminal is narrow the least useful parts go first (label, rate, bytes), then the
 * current item is shortened from its start (the end of a path says most).
 */
export function renderProgressLine({ kind, progress: p, rates, width }: ProgressLineInput): string {
  const limit = Math.max(1, width - 1);
  const fraction = progressFraction(p);
  const eta = etaMs(p, rates);
  const parts: { text: string; rank: number }[] = [
    { text: p.phase || kind, rank: 5 },
    { text: fraction === null ? '' : `${Math.floor(fraction * 100)}%`, rank: 1 },
    { text: p.itemsTotal === undefined ? `${formatCount(p.itemsDone)} items` : `${formatCount(p.itemsDone)}/${formatCount(p.itemsTotal)} items`, rank: 0 },
    { text: bytesText(p), rank: 3 },
    { text: rateText(rates), rank: 4 },
    { text: eta === null ? '' : `ETA ${formatDuration(eta)}`, rank: 2 },
  ].filter((part) => part.text);
  const join = () => parts.map((part) => part.text).join('  ');
  while (columns(join()) > limit && parts.length > 1) {
    const worst = parts.reduce((a, b) => (b.rank > a.rank ? b : a));
    parts.splice(parts.indexOf(worst), 1);
  }
  let line = join();
  if (columns(line) > limit) return [...line].slice(0, limit).join('');
  const room = limit - columns(line) - 2;
  if (p.current && room >= 8) line += `  ${shortenStart(p.current, room)}`;
  return line;
}

/** How far along the job is, by bytes when their total is known, else by items; null when unknown. */
export function progressFraction(p: JobProgress): number | null {
  if (p.bytesTotal) return clamp01(p.bytesDone / p.bytesTotal);
  if (p.itemsTotal) return clamp01(p.itemsDone / p.itemsTotal);
  return null;
}

/** Time left at the current rate, by bytes when possible, else by items; null when unknown. */
export function etaMs(p: JobProgress, rates: Rates | null): number | null {
  if (!rates) return null;
  if (p.bytesTotal !== undefined && rates.bytesPerSec > 0) return (Math.max(0, p.bytesTotal - p.bytesDone) / rates.bytesPerSec) * 1000;
  if (p.itemsTotal !== undefined && rates.itemsPerSec > 0) return (Math.max(0, p.itemsTotal - p.itemsDone) / rates.itemsPerSec) * 1000;
  return null;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1023 B, 1.5 KiB, 118 MiB: one decimal below 10 of a unit, none above. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const text = value < 10 ? value.toFixed(1) : String(Math.round(value));
  // Rounding can reach the next unit (1023.6 KiB → "1024 KiB"): say 1.0 MiB instead.
  return text === '1024' && unit < UNITS.length - 1 ? `1.0 ${UNITS[unit + 1]}` : `${text} ${UNITS[unit]}`;
}

/** 45s, 3m 12s, 2h 05m. */
export function formatDuration(ms: number): string {
  const secs = Math.max(0, Math.round(ms / 1000));
  if (secs < 60) return `${secs}s`;
  const mins = Math.floor(secs / 60);
  if (mins < 60) return `${mins}m ${String(secs % 60).padStart(2, '0')}s`;
  return `${Math.floor(mins / 60)}h ${String(mins % 60).padStart(2, '0')}m`;
}

function formatCount(n: number): string {
  return Math.floor(n).toLocaleString('en-US');
}

function bytesText(p: JobProgress): string {
  if (p.bytesTotal !== undefined) return `${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}`;
  return p.bytesDone > 0 ? formatBytes(p.bytesDone) : '';
}

function rateText(rates: Rates | null): string {
  if (!rates) return '';
  if (rates.bytesPerSec > 0) return `${formatBytes(rates.bytesPerSec)}/s`;
  if (rates.itemsPerSec > 0) return `${rates.itemsPerSec < 10 ? rates.itemsPerSec.toFixed(1) : Math.round(rates.itemsPerSec)} items/s`;
  return '';
}

function shortenStart(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `…${chars.slice(chars.length - max + 1).join('')}`;
}

const columns = (text: string) => [...text].length;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Text from a job (item names, paths, a remote's messages) with control characters replaced, so
 * nothing it contains can move the cursor or restyle the terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
