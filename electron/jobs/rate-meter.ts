import type { JobProgress } from './job-types';

export interface Rates {
  itemsPerSec: number;
  bytesPerSec: number;
}

interface Sample {
  at: number;
  items: number;
  bytes: number;
}

/**
 * Items and bytes per second over a sliding window of recent progress samples, so the rate
 * follows a job that speeds up or stalls instead of averaging over its whole life.
 */
export class RateMeter {
  private samples: Sample[] = [];

  constructor(private readonly windowMs = 10_000) {}

  add(at: number, progress: JobProgress): void {
    this.samples.push({ at, items: progress.itemsDone, bytes: progress.bytesDone });
    // Keep one sample older than the window, so the window is always fully covered.
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  /** Null until two samples at least a tenth of a second apart exist. */
  rates(): Rates | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 100) return null;
    const secs = (last.at - first.at) / 1000;
    return { itemsPerSec: Math.max(0, (last.items - first.items) / secs), bytesPerSec: Math.max(0, (last.bytes - first.bytes) / secs) };
  }
}
