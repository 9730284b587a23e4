import { describe, expect, it } from 'vitest';
import { forEachLimited, limited } from '../../../../electron/sync/pool';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('forEachLimited', () => {
  it('after a failure starts nothing new and rejects only once the started items have ended', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    const run = forEachLimited([0, 1, 2, 3, 4, 5], 3, async (i) => {
      started.push(i);
      await tick();
      if (i === 0) throw new Error('boom');
      await tick();
      ended.push(i);
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2]);
    expect(ended.sort()).toEqual([1, 2]); // both finished before the rejection
  });
});

describe('limited', () => {
  it('runs at most the limit at once, the rest in order', async () => {
    const slot = limited(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        slot(async () => {
          most = Math.max(most, ++running);
          order.push(i);
          await tick();
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});
