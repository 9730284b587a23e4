import { describe, expect, it } from 'vitest';
import { abortableSleep, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, retryDelayMs } from '../../../../electron/sync/retry-policy';

describe('retry policy', () => {
  it('draws full jitter under an exponential ceiling capped at maxDelayMs', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(p, n, () => 0.999999))).toEqual([499, 999, 1999, 3999]);
    expect(retryDelayMs(p, 20, () => 0.999999)).toBe(p.maxDelayMs - 1);
    expect(retryDelayMs(p, 3, () => 0)).toBe(0);
  });

  it('prefers Retry-After, bounded', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0.5, 3000)).toBe(3000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0.5, 10_000_000)).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('retries only 408, 429 and 500/502/503/504', () => {
    expect([400, 401, 403, 404, 408, 409, 429, 500, 501, 502, 503, 504].filter(isRetryableStatus)).toEqual([408, 429, 500, 502, 503, 504]);
  });

  it('ends a sleep early when cancelled', async () => {
    const c = new AbortController();
    const p = abortableSleep(60_000, c.signal);
    c.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});
