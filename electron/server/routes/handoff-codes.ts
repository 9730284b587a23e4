import { createHash, randomBytes } from 'node:crypto';

/** How long a hand-off code can be redeemed after it is made. */
export const HANDOFF_TTL_MS = 60_000;

const digest = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * One-time codes that stand in for the browser-mode token in a URL the desktop app hands to
 * the OS browser: a command line is visible to every process of the machine, so the token never
 * goes there. A code is 256 random bits, valid for a minute, good once. Only digests are kept,
 * so a lookup reveals nothing through its timing.
 */
export class HandoffCodes {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = HANDOFF_TTL_MS,
  ) {}

  mint(): string {
    this.forgetExpired();
    const code = randomBytes(32).toString('base64url');
    this.expiries.set(digest(code), this.now() + this.ttlMs);
    return code;
  }

  /** True once for a code minted here within its lifetime; false for anything else. */
  redeem(code: string): boolean {
    const key = digest(code);
    const expiry = this.expiries.get(key);
    this.expiries.delete(key);
    return expiry !== undefined && this.now() <= expiry;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [key, expiry] of this.expiries) if (now > expiry) this.expiries.delete(key);
  }
}
