import { describe, expect, it, vi } from 'vitest';
import { ByteBudget } from '../../../../electron/server/byte-budget';

describe('ByteBudget', () => {
  it('grants reservations up to its capacity and the rest in order as bytes come back', async () => {
    const budget = new ByteBudget(100);
    const order: string[] = [];
    const take = (name: string, bytes: number) => budget.reserve(bytes).then((release) => (order.push(name), release));
    const a = await take('a', 60);
    const pending = [take('b', 60), take('c', 10)]; // c fits, but waits behind b: no starving a large body
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['a']);
    expect(budget).toMatchObject({ inUse: 60, waiting: 2 });
    a();
    a(); // releasing twice gives back once
    const [b, c] = await Promise.all(pending);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(budget.inUse).toBe(70);
    b!();
    c!();
    expect(budget.inUse).toBe(0);
  });

  it('caps a reservation larger than the whole budget at the budget', async () => {
    const budget = new ByteBudget(100);
    const release = await budget.reserve(1000);
    expect(budget.inUse).toBe(100);
    release();
  });

  it('turns away a waiter after the wait limit, and serves those behind it', async () => {
    vi.useFakeTimers();
    try {
      const budget = new ByteBudget(100, 1000);
      const held = await budget.reserve(50);
      const big = budget.reserve(100);
      const small = budget.reserve(40);
      const bigFailed = expect(big).rejects.toThrow(/waited too long/);
      await vi.advanceTimersByTimeAsync(1001);
      await bigFailed;
      (await small)();
      held();
      expect(budget).toMatchObject({ inUse: 0, waiting: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
