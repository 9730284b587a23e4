import { describe, expect, it } from 'vitest';
import { WorkTurns } from '../../../../electron/server/work-turns';

/** A fake clock that jobs advance by the cost they declare, and turns that run when the test says. */
function harness(opts: { budgetMs?: number; lightMs?: number; lightBytes?: number } = {}) {
  let t = 0;
  const turnsDue: (() => void)[] = [];
  const turns = new WorkTurns({ ...opts, now: () => t, later: (fn) => turnsDue.push(fn) });
  const order: string[] = [];
  const job = (name: string, costMs: number) => () => {
    order.push(name);
    t += costMs;
    return name;
  };
  /** Runs the turn that is due (as the event loop would after polling); false when none is. */
  const turn = () => {
    const fn = turnsDue.shift();
    fn?.();
    return fn !== undefined;
  };
  return { turns, order, job, turn, turnsDue };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('WorkTurns', () => {
  it('runs a kind not measured yet in a later turn, then at once once it has proved light', async () => {
    const { turns, order, job, turn } = harness();
    const first = turns.run('get', 10, job('get-1', 0.2));
    expect(order).toEqual([]); // unknown cost: queued
    expect(turn()).toBe(true);
    expect(await first).toBe('get-1');
    expect(turns.averageMs('get')).toBeCloseTo(0.2);
    const second = turns.run('get', 10, job('get-2', 0.2));
    expect(order).toEqual(['get-1', 'get-2']); // light: ran synchronously inside run()
    expect(await second).toBe('get-2');
  });

  it('queues a light kind of work whose input is large', () => {
    const { turns, order, job, turn } = harness({ lightBytes: 100 });
    void turns.run('log', 10, job('small', 0.1));
    turn();
    void turns.run('log', 101, job('big', 0.1));
    expect(order).toEqual(['small']);
    turn();
    expect(order).toEqual(['small', 'big']);
  });

  it('works through heavy jobs in arrival order, a budget per turn, and lets light ones pass meanwhile', async () => {
    const { turns, order, job, turn, turnsDue } = harness({ budgetMs: 4 });
    // teach it the costs: 'search' is heavy (3 ms), 'get' light
    void turns.run('search', 0, job('s0', 3));
    void turns.run('get', 0, job('g0', 0.1));
    turn();
    order.length = 0;
    const heavy = [1, 2, 3, 4, 5].map((i) => turns.run('search', 0, job(`s${i}`, 3)));
    expect(turns.waiting).toBe(5);
    expect(turn()).toBe(true); // 3 ms, then 6 ms > budget: two jobs this turn
    expect(order).toEqual(['s1', 's2']);
    // a cheap request arriving now is not stuck behind the three still waiting
    void turns.run('get', 0, job('g1', 0.1));
    expect(order).toEqual(['s1', 's2', 'g1']);
    expect(turnsDue.length).toBe(1); // the rest got another turn
    while (turn());
    expect(order).toEqual(['s1', 's2', 'g1', 's3', 's4', 's5']);
    expect(await Promise.all(heavy)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(turns.waiting).toBe(0);
  });

  it('runs at least one job per turn even if it alone exceeds the budget', () => {
    const { turns, order, job, turn } = harness({ budgetMs: 1 });
    void turns.run('big', 0, job('a', 50));
    void turns.run('big', 0, job('b', 50));
    turn();
    expect(order).toEqual(['a']);
    turn();
    expect(order).toEqual(['a', 'b']);
  });

  it('rejects with what a job throws, and goes on with the next', async () => {
    const { turns, turn } = harness();
    const bad = turns.run('x', 0, () => {
      throw new Error('boom');
    });
    const good = turns.run('x', 0, () => 42);
    turn();
    await expect(bad).rejects.toThrow('boom');
    expect(await good).toBe(42);
  });

  it('a light job that throws rejects too (nothing thrown out of run)', async () => {
    const { turns, turn } = harness();
    void turns.run('x', 0, () => 1);
    turn();
    let p: Promise<unknown> | undefined;
    expect(() => {
      p = turns.run('x', 0, () => {
        throw new Error('light boom');
      });
    }).not.toThrow();
    await expect(p).rejects.toThrow('light boom');
  });

  it('resolves with what a returned promise resolves with, timing only the synchronous part', async () => {
    const { turns, turn } = harness();
    let release!: (v: string) => void;
    const p = turns.run('commit', 0, () => new Promise<string>((r) => (release = r)));
    turn();
    await settle();
    expect(turns.averageMs('commit')).toBe(0);
    release('durable');
    expect(await p).toBe('durable');
  });

  it('remembers a bounded number of kinds: later new kinds stay heavy', () => {
    const { turns, turn, order, job } = harness();
    for (let i = 0; i < 1100; i++) void turns.run(`k${i}`, 0, () => i);
    while (turn());
    expect(turns.averageMs('k1023')).toBeDefined();
    expect(turns.averageMs('k1024')).toBeUndefined();
    void turns.run('k1050', 0, job('late', 0));
    expect(order).toEqual([]);
  });

  it('with the real event loop, a cheap request runs while heavy work is queued and heavy work finishes in order', async () => {
    const turns = new WorkTurns({ budgetMs: 2 });
    const spin = (ms: number) => {
      const t0 = performance.now();
      while (performance.now() - t0 < ms);
    };
    await turns.run('heavy', 0, () => spin(3));
    await turns.run('light', 0, () => undefined);
    const done: string[] = [];
    const heavy = Array.from({ length: 6 }, (_, i) => turns.run('heavy', 0, () => {
      spin(3);
      done.push(`h${i}`);
    }));
    // an I/O-like callback between turns: the light job runs before the heavy queue is through
    await new Promise<void>((resolve) => setImmediate(() => {
      void turns.run('light', 0, () => done.push('light')).then(() => resolve());
    }));
    await Promise.all(heavy);
    expect(done.indexOf('light')).toBeLessThan(done.length - 1);
    expect(done.filter((d) => d !== 'light')).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'h5']);
  });
});
