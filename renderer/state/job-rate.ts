/** One observation of a running job's progress. */
export interface RateSample {
  at: number;
  bytes: number;
  items: number;
}

/** How far back the rate looks: recent enough to follow a change of pace, long enough to be steady. */
export const RATE_WINDOW_MS = 10_000;
const MAX_SAMPLES = 60;

/** Appends a sample, dropping those older than the window (keeping one before it as the baseline). */
export function addSample(samples: RateSample[], next: RateSample): RateSample[] {
  const all = [...samples, next];
  let first = 0;
  while (first < all.length - 2 && all[first + 1]!.at <= next.at - RATE_WINDOW_MS) first++;
  return all.slice(Math.max(first, all.length - MAX_SAMPLES));
}

export interface JobRate {
  /** Bytes per second over the window, or null before there is enough to tell. */
  bytesPerSec: number | null;
  itemsPerSec: number | null;
  /** Seconds left at that rate, from bytes when the job knows its byte total, else from items. */
  etaSec: number | null;
}

export function jobRate(samples: RateSample[], totals: { bytesTotal?: number; itemsTotal?: number }): JobRate {
  const first = samples[0];
  const last = samples.at(-1);
  const secs = first && last ? (last.at - first.at) / 1000 : 0;
  if (!first || !last || secs < 0.5) return { bytesPerSec: null, itemsPerSec: null, etaSec: null };
  const bytesPerSec = (last.bytes - first.bytes) / secs;
  const itemsPerSec = (last.items - first.items) / secs;
  const left = (total: number | undefined, done: number, rate: number) => (total !== undefined && total > done && rate > 0 ? (total - done) / rate : null);
  const etaSec = left(totals.bytesTotal, last.bytes, bytesPerSec) ?? left(totals.itemsTotal, last.items, itemsPerSec);
  return { bytesPerSec, itemsPerSec, etaSec };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

export function formatEta(sec: number): string {
  if (sec < 60) return `${Math.max(1, Math.round(sec))} s`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min ${Math.round(sec % 60)} s`;
  return `${Math.floor(sec / 3600)} h ${Math.round((sec % 3600) / 60)} min`;
}
