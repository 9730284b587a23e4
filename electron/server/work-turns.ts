import { performance } from 'node:perf_hooks';

export interface WorkTurnsOptions {
  /** Heavy work run per turn of the event loop before other I/O gets its turn, ms. */
  budgetMs?: number;
  /** A kind of work whose runs average more than this is heavy, ms. */
  lightMs?: number;
  /** Requests with more input than this are heavy whatever their kind usually costs (bytes). */
  lightBytes?: number;
  now?: () => number;
  /** Runs `fn` on a later turn of the event loop, after pending I/O (setImmediate). */
  later?: (fn: () => void) => void;
}

interface Job {
  kind: string;
  fn: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const DEFAULT_BUDGET_MS = 4;
const DEFAULT_LIGHT_MS = 1;
const DEFAULT_LIGHT_BYTES = 16 * 1024;
/** Kinds whose cost is remembered; later new kinds stay unmeasured (heavy), so odd names cannot grow the map. */
const MAX_KINDS = 1024;
/** Weight of the newest run in a kind's average cost. */
const EWMA_WEIGHT = 0.2;

/**
 * Fair turns for the synchronous work of requests on the one event loop. Light work (a kind
 * whose runs have averaged under `lightMs`, with a small input) runs at once, as it always
 * did. Heavy work (a search of 1,000 runs, a log-batch of 1,000 metrics, a kind not measured
 * yet) waits in a queue that is worked through in turns of `budgetMs`, each turn after the
 * loop has polled for I/O: a cheap request that arrives while heavy ones pile up is answered in
 * the next poll instead of after all of them, and heavy requests keep their arrival order. What
 * one piece of work costs is measured as it runs (synchronous time), so no route has to say.
 *
 * This bounds how long the loop goes without polling to about one turn plus the longest single
 * piece of heavy work: that piece itself must be short (work that can be big yields in steps).
 */
export class WorkTurns {
  private queue: Job[] = [];
  private head = 0;
  private scheduled = false;
  private cost = new Map<string, number>();
  private readonly budgetMs: number;
  private readonly lightMs: number;
  private readonly lightBytes: number;
  private readonly now: () => number;
  private readonly later: (fn: () => void) => void;

  constructor(opts: WorkTurnsOptions = {}) {
    this.budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
    this.lightMs = opts.lightMs ?? DEFAULT_LIGHT_MS;
    this.lightBytes = opts.lightBytes ?? DEFAULT_LIGHT_BYTES;
    this.now = opts.now ?? (() => performance.now());
    this.later = opts.later ?? ((fn) => setImmediate(fn));
  }

  /** Heavy jobs waiting for a turn. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  /** The measured average cost of a kind of work, ms (undefined until one has run). */
  averageMs(kind: string): number | undefined {
    return this.cost.get(kind);
  }

  /** Whether work of `kind` with `inputBytes` of input runs at once. */
  isLight(kind: string, inputBytes: number): boolean {
    const avg = this.cost.get(kind);
    return avg !== undefined && avg <= this.lightMs && inputBytes <= this.lightBytes;
  }

  /**
   * Runs `fn` (synchronous work; it may return a promise, which is then what this resolves
   * with) now if it is light, else on a later turn in arrival order. A throw rejects.
   */
  run<T>(kind: string, inputBytes: number, fn: () => T): Promise<Awaited<T>> {
    if (this.isLight(kind, inputBytes)) {
      try {
        return Promise.resolve(this.timed(kind, fn)) as Promise<Awaited<T>>;
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private timed<T>(kind: string, fn: () => T): T {
    const t0 = this.now();
    try {
      return fn();
    } finally {
      const ms = this.now() - t0;
      const avg = this.cost.get(kind);
      if (avg !== undefined) this.cost.set(kind, avg + EWMA_WEIGHT * (ms - avg));
      else if (this.cost.size < MAX_KINDS) this.cost.set(kind, ms);
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.later(() => this.turn());
  }

  /** One turn: heavy jobs in order until the budget is spent (at least one), then the loop polls again. */
  private turn(): void {
    this.scheduled = false;
    const start = this.now();
    do {
      const job = this.queue[this.head++]!;
      try {
        job.resolve(this.timed(job.kind, job.fn));
      } catch (err) {
        job.reject(err);
      }
    } while (this.head < this.queue.length && this.now() - start < this.budgetMs);
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else {
      if (this.head > 1024) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.schedule();
    }
  }
}
