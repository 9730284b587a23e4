import { describe, expect, it } from 'vitest';
import { slowTraceFromEnv, startSlowTrace } from '../../../../electron/server/slow-trace';

describe('slow trace (SEXTANT_TRACE_SLOW_MS)', () => {
  it('names what each long callback belonged to: the labelled request, or the timer function', async () => {
    const lines: string[] = [];
    let clock = 0;
    // a clock that moves 10 ms per reading: every callback looks 10 ms long, over the 5 ms threshold
    const trace = startSlowTrace({ thresholdMs: 5, log: (m) => lines.push(m), now: () => (clock += 10), watchEveryMs: 1_000_000 });
    try {
      await trace.label('POST /runs/search', () => new Promise<void>((resolve) => setImmediate(resolve)));
      await new Promise<void>((resolve) => setTimeout(function pollJournal() {
        resolve();
      }, 1));
    } finally {
      trace.stop();
    }
    expect(lines.some((l) => /^slow task at .* in POST \/runs\/search$/.test(l))).toBe(true);
    expect(lines.some((l) => /in timer pollJournal$/.test(l))).toBe(true);
    const count = lines.length;
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(lines.length).toBe(count); // stopped: nothing more is traced
  });

  it('is off unless the variable holds a positive number', () => {
    expect(slowTraceFromEnv({}, () => undefined)).toBeNull();
    expect(slowTraceFromEnv({ SEXTANT_TRACE_SLOW_MS: 'x' }, () => undefined)).toBeNull();
    expect(slowTraceFromEnv({ SEXTANT_TRACE_SLOW_MS: '0' }, () => undefined)).toBeNull();
    const on = slowTraceFromEnv({ SEXTANT_TRACE_SLOW_MS: '50' }, () => undefined);
    expect(on).not.toBeNull();
    on?.stop();
  });
});
