import { describe, expect, it } from 'vitest';
import { DecryptedBlocks } from '../../../../../electron/store/series/decrypted-blocks';

const block = (n: number) => Buffer.alloc(4080, n);

describe('DecryptedBlocks', () => {
  it('keeps the most recently used blocks up to its size, per series and index', () => {
    const cache = new DecryptedBlocks(2);
    cache.set(1, 0, block(1));
    cache.set(2, 0, block(2));
    expect(cache.get(1, 0)?.[0]).toBe(1); // now the most recent
    cache.set(1, 1, block(3));
    expect(cache.size).toBe(2);
    expect(cache.get(2, 0)).toBeUndefined();
    expect(cache.get(1, 0)?.[0]).toBe(1);
    expect(cache.get(1, 1)?.[0]).toBe(3);
  });

  it('forgets the blocks a write covers, and keeps nothing when sized 0', () => {
    const cache = new DecryptedBlocks(10);
    for (let i = 0; i < 5; i++) cache.set(7, i, block(i));
    cache.forget(7, 1, 3);
    expect([0, 1, 2, 3, 4].map((i) => cache.get(7, i) !== undefined)).toEqual([true, false, false, false, true]);
    const none = new DecryptedBlocks(0);
    none.set(1, 0, block(1));
    expect(none.get(1, 0)).toBeUndefined();
  });
});
