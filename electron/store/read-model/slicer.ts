import { setImmediate as nextTurn } from 'node:timers/promises';

export interface SlicerOptions {
  /** A slice ends once it has worked this long (ms). */
  budgetMs?: number;
  /** The clock slices are timed with (performance.now by default). */
  now?: () => number;
  /** Gives the event loop a turn (setImmediate by default). */
  turn?: () => Promise<unknown>;
  /** Items a loop goes through between two looks at the clock (1,024 by default). */
  checkEvery?: number;
  /** Positions sorted whole before they are merged by a sliced sort (1,024 by default). */
  runLength?: number;
}

/**
 * Cuts a long loop into slices of a few ms with a turn of the event loop between them: the loop
 * asks due() every so many items and awaits next() when it is.
 */
export class Slicer {
  /** Turns given so far. */
  turns = 0;
  readonly checkEvery: number;
  readonly runLength: number;
  private readonly budgetMs: number;
  private readonly now: () => number;
  private readonly turn: () => Promise<unknown>;
  private sliceStart: number;

  constructor(opts: SlicerOptions = {}) {
    this.budgetMs = opts.budgetMs ?? 4;
    this.now = opts.now ?? (() => performance.now());
    this.turn = opts.turn ?? (() => nextTurn());
    this.checkEvery = opts.checkEvery ?? 1024;
    this.runLength = opts.runLength ?? 1024;
    this.sliceStart = this.now();
  }

  /** The current slice has used its time. */
  due(): boolean {
    return this.now() - this.sliceStart >= this.budgetMs;
  }

  /** Gives the event loop a turn and starts a new slice. */
  async next(): Promise<void> {
    this.turns++;
    await this.turn();
    this.sliceStart = this.now();
  }
}
