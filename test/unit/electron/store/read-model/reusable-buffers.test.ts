import { describe, expect, it } from 'vitest';
import { ReusableBuffers } from '../../../../../electron/store/read-model/reusable-buffers';

describe('ReusableBuffers', () => {
  it('gives buffers of the size asked and uses a given-back one again', () => {
    const pool = new ReusableBuffers(2);
    const a = pool.take(100_000);
    expect(a.length).toBe(100_000);
    a.fill(7);
    pool.give(a);
    expect(pool.kept).toBe(1);
    const b = pool.take(50_000);
    expect(b.length).toBe(50_000);
    expect(b.buffer).toBe(a.buffer);
    expect(b[0]).toBe(7);
    expect(pool.kept).toBe(0);
  });

  it('never keeps memory it did not make, a buffer twice, or more buffers than allowed', () => {
    const pool = new ReusableBuffers(2, 1 << 20);
    pool.give(Buffer.from('{"runs":[]}')); // shares Node's pool slab with other buffers
    pool.give(Buffer.allocUnsafeSlow(1000));
    expect(pool.kept).toBe(0);
    const big = pool.take(2 << 20); // over maxBytes: made for one answer only
    pool.give(big);
    expect(pool.kept).toBe(0);
    const [x, y, z] = [pool.take(10), pool.take(10), pool.take(10)];
    pool.give(x);
    pool.give(x);
    expect(pool.kept).toBe(1);
    pool.give(y);
    pool.give(z);
    expect(pool.kept).toBe(2);
    const taken = new Set([pool.take(10).buffer, pool.take(10).buffer]);
    expect(taken).toEqual(new Set([y.buffer, z.buffer]));
  });

  it('picks the smallest kept buffer that fits', () => {
    const pool = new ReusableBuffers(4);
    const small = pool.take(70_000); // 128 KiB
    const large = pool.take(1_000_000); // 1 MiB
    pool.give(large);
    pool.give(small);
    expect(pool.take(100_000).buffer).toBe(small.buffer);
    expect(pool.take(100_000).buffer).toBe(large.buffer);
  });
});
