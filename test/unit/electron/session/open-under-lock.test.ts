import { describe, expect, it } from 'vitest';
import { openUnderLock } from '../../../../electron/session/open-under-lock';
import type { Store, StoreOptions } from '../../../../electron/store/store';
import { StoreOpenError } from '../../../../electron/store/store-errors';
import type { StoreLock } from '../../../../electron/store/store-lock';

const lent: StoreLock = { endpoint: '/s/lock.sock', release: async () => {} };
const aStore = {} as Store;
type WithLock = StoreOptions & { lock?: StoreLock };

describe('openUnderLock', () => {
  it('hands the held lock to a Store.open that takes one (StoreOptions.lock): never let go', async () => {
    const seen: (StoreLock | undefined)[] = [];
    const open = async (o: WithLock) => (seen.push(o.lock), aStore);
    let letGo = 0;
    expect(await openUnderLock(open, { dir: '/s' }, lent, async () => void letGo++)).toBe(aStore);
    expect(await openUnderLock(open, { dir: '/s' }, lent, async () => void letGo++)).toBe(aStore);
    expect(seen).toEqual([lent, lent]);
    expect(letGo).toBe(0);
  });

  it('with a Store.open that acquires its own lock (before StoreOptions.lock), lets the lock go right before it, then always', async () => {
    let held = true;
    const calls: string[] = [];
    // stands for the Store.open of today: it never reads `lock`, and refuses a store this process holds
    const open = async (o: StoreOptions) => {
      calls.push(`open ${o.dir}`);
      if (held) throw new StoreOpenError(`store ${o.dir} is already open by process ${process.pid}`);
      return aStore;
    };
    const letGo = async () => {
      calls.push('let go');
      held = false;
    };
    expect(await openUnderLock(open, { dir: '/s' }, lent, letGo)).toBe(aStore);
    expect(calls).toEqual(['open /s', 'let go', 'open /s']);
    held = true;
    calls.length = 0;
    expect(await openUnderLock(open, { dir: '/s' }, lent, letGo)).toBe(aStore);
    expect(calls).toEqual(['let go', 'open /s']); // learnt: no failing try first
  });

  it('passes other failures on, and a wrong key from a Store.open that took the lock as it is', async () => {
    const wrong = new StoreOpenError('the passphrase does not open store /s');
    let letGo = 0;
    const takes = async (o: WithLock) => {
      void o.lock;
      throw wrong;
    };
    await expect(openUnderLock(takes, { dir: '/s' }, lent, async () => void letGo++)).rejects.toBe(wrong);
    const broken = async () => Promise.reject(new Error('disk on fire'));
    await expect(openUnderLock(broken, { dir: '/s' }, lent, async () => void letGo++)).rejects.toThrow('disk on fire');
    expect(letGo).toBe(0);
    // without a lock held, as it always was
    const plain = async (o: WithLock) => (expect(o.lock).toBeUndefined(), aStore);
    expect(await openUnderLock(plain, { dir: '/s' }, null, async () => void letGo++)).toBe(aStore);
  });
});
