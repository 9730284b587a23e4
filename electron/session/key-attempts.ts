/** The first wait after a wrong key, doubled after each further one. */
export const FIRST_WAIT_MS = 500;
/** The longest wait between two tries. */
export const MAX_WAIT_MS = 30_000;

/** How long the answer to a wrong key waits, after `failures` wrong ones in a row (1 or more). */
export function waitAfterFailures(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(failures - 1, 16));
}

/**
 * Slows guessing: every wrong passphrase or key (an unlock, or the current key a decrypt or rekey
 * asks for) is answered only after a wait that doubles with each wrong one in a row, 0.5 s up to
 * 30 s; a right one resets it. The session takes one such request at a time (a second one meanwhile
 * is refused as busy), so tries cannot be made in parallel during the wait.
 */
export class KeyAttempts {
  private failures = 0;

  constructor(private readonly sleep: (ms: number) => Promise<void>) {}

  get wrongInARow(): number {
    return this.failures;
  }

  /** A wrong key: waits before the refusal is answered. Returns the wait (ms). */
  async failed(): Promise<number> {
    this.failures++;
    const ms = waitAfterFailures(this.failures);
    await this.sleep(ms);
    return ms;
  }

  succeeded(): void {
    this.failures = 0;
  }
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
