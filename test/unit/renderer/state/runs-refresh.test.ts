import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_RUNS, createRefreshScheduler } from '../../../../renderer/state/runs-refresh';

describe('refresh scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('collects notices during the pause into one re-read', async () => {
    const runs: string[][] = [];
    const s = createRefreshScheduler(400, async (ids) => void runs.push(ids));
    s.notify(['a']);
    await vi.advanceTimersByTimeAsync(100);
    s.notify(['b', 'a']);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toEqual([['a', 'b']]);
  });

  it('keeps refreshing under a steady stream (a throttle, not a debounce that never fires)', async () => {
    const runs: string[][] = [];
    const s = createRefreshScheduler(400, async (ids) => void runs.push(ids));
    for (let t = 0; t < 20; t++) {
      s.notify([`r${t}`]);
      await vi.advanceTimersByTimeAsync(100); // a training script's events, every 100 ms
    }
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.length).toBeLessThanOrEqual(6);
  });

  it('holds notices that arrive during a re-read for the next one, and waits at least as long as the last took', async () => {
    const started: number[] = [];
    let finish: () => void = () => {};
    const s = createRefreshScheduler(100, (ids) => {
      started.push(Date.now());
      return ids.includes('slow') ? new Promise<void>((r) => (finish = r)) : Promise.resolve();
    });
    s.notify(['slow']);
    await vi.advanceTimersByTimeAsync(100);
    s.notify(['x']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toHaveLength(1);
    finish();
    await vi.advanceTimersByTimeAsync(500);
    expect(started).toHaveLength(1); // the last re-read took ~1 s: wait that long
    await vi.advanceTimersByTimeAsync(600);
    expect(started).toHaveLength(2);
  });

  it('turns an event without ids into "all", and stops after dispose', async () => {
    const runs: string[][] = [];
    const s = createRefreshScheduler(10, async (ids) => void runs.push(ids));
    s.notify(['a']);
    s.notify([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(runs).toEqual([[ALL_RUNS]]);
    s.notify(['b']);
    s.dispose();
    await vi.advanceTimersByTimeAsync(50);
    expect(runs).toHaveLength(1);
  });
});
