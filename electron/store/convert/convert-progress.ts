import type { JobProgress } from '../../jobs/job-types';

/** Where a conversion stands: items (snapshot, series files, artifacts) and their plaintext bytes. */
export type ConvertProgress = JobProgress;

/** Counts work done and reports it (the reporter is called after each item and during big ones). */
export class ProgressCounter {
  private state: ConvertProgress;

  constructor(
    totals: { items: number; bytes: number },
    private report: (p: ConvertProgress) => void = () => {},
  ) {
    this.state = { phase: 'converting', itemsDone: 0, itemsTotal: totals.items, bytesDone: 0, bytesTotal: totals.bytes };
  }

  get now(): ConvertProgress {
    return { ...this.state };
  }

  phase(phase: string): void {
    this.state.phase = phase;
    this.report(this.now);
  }

  bytes(n: number, current?: string): void {
    this.state.bytesDone += n;
    if (current !== undefined) this.state.current = current;
    this.report(this.now);
  }

  item(current?: string): void {
    this.state.itemsDone++;
    if (current !== undefined) this.state.current = current;
    this.report(this.now);
  }
}
