/**
 * A budget of bytes shared by requests that buffer their bodies in memory. A request reserves
 * what it may buffer before it reads a byte and gives it back when done, so memory held by
 * bodies stays under `capacity` however many arrive at once. Waiters are served in order, and
 * one that waits longer than `maxWaitMs` is turned away (the caller answers 503, which MLflow
 * clients retry).
 */
export class ByteBudget {
  private used = 0;
  private queue: { bytes: number; grant: () => void }[] = [];

  constructor(
    readonly capacity: number,
    private maxWaitMs = 60_000,
  ) {}

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once `bytes` are reserved; rejects after the wait limit. */
  reserve(bytes: number): Promise<() => void> {
    const want = Math.min(Math.max(0, bytes), this.capacity);
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        this.used += want;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.used -= want;
          this.serve();
        });
      };
      const entry = { bytes: want, grant };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(entry), 1);
        reject(new Error('byte budget: waited too long'));
        this.serve(); // a large waiter gone may unblock smaller ones behind it
      }, this.maxWaitMs);
      this.queue.push(entry);
      this.serve();
    });
  }

  private serve(): void {
    while (this.queue.length && this.used + this.queue[0]!.bytes <= this.capacity) this.queue.shift()!.grant();
  }
}
