import { describe, expect, it } from 'vitest';
import { HANDOFF_TTL_MS, HandoffCodes } from '../../../../../electron/server/routes/handoff-codes';

describe('HandoffCodes', () => {
  it('makes long random codes that are good exactly once', () => {
    const codes = new HandoffCodes();
    const a = codes.mint();
    const b = codes.mint();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url').length).toBeGreaterThanOrEqual(16); // 128 bits or more
    expect(codes.redeem(a)).toBe(true);
    expect(codes.redeem(a)).toBe(false);
    expect(codes.redeem(b)).toBe(true);
  });

  it('refuses codes it did not make', () => {
    const codes = new HandoffCodes();
    const real = codes.mint();
    for (const wrong of ['', 'x', real.slice(0, -1), `${real}x`, real.toUpperCase() === real ? real.toLowerCase() : real.toUpperCase()]) {
      expect(codes.redeem(wrong), wrong).toBe(false);
    }
    expect(codes.redeem(real)).toBe(true);
  });

  it('refuses a code past its minute, even unused', () => {
    let now = 1_000_000;
    const codes = new HandoffCodes(() => now);
    const early = codes.mint();
    const late = codes.mint();
    now += HANDOFF_TTL_MS;
    expect(codes.redeem(early)).toBe(true); // at the very end of its life
    now += 1;
    expect(codes.redeem(late)).toBe(false);
  });

  it('forgets expired codes when it makes new ones', () => {
    let now = 0;
    const codes = new HandoffCodes(() => now, 10);
    const old = codes.mint();
    now = 11;
    codes.mint();
    now = 0; // even if the clock went back, the forgotten code stays forgotten
    expect(codes.redeem(old)).toBe(false);
  });
});
