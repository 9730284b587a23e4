/**
 * Asks for a garbage collection each time the database has grown by `step` (a fraction) since
 * the last one. sql.js keeps the database file in one typed array that it replaces by a bigger
 * copy (1.125x) when the file outgrows it; the old whole-database array is garbage that V8 may
 * keep for minutes in a worker that only replays statements (measured on the 50,000-run store:
 * ~250 MB more RSS between checkpoints). Collecting once per `step` of growth frees it soon at
 * the cost of one full collection of a small heap.
 */
export class GrowthCollector {
  private collectedAt: number;

  constructor(
    private readonly bytes: () => number,
    private readonly collect: () => void,
    private readonly step = 1 / 32,
  ) {
    this.collectedAt = bytes();
  }

  /** Called after writes: collects if the database grew by `step` or more since the last collection. */
  afterWrites(): boolean {
    const now = this.bytes();
    if (now < this.collectedAt * (1 + this.step)) {
      if (now < this.collectedAt) this.collectedAt = now; // shrank (VACUUM): measure growth from here
      return false;
    }
    this.collect();
    this.collectedAt = now;
    return true;
  }

  /** A collection made by someone else (after a checkpoint): growth counts from here. */
  collected(): void {
    this.collectedAt = this.bytes();
  }
}
