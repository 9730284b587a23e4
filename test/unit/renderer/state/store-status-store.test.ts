import { describe, expect, it } from 'vitest';
import type { StoreConversionView, StoreStatus } from '../../../../shared/ipc/store-types';
import { createStoreStatusStore } from '../../../../renderer/state/store-status-store';
import { deferred, fakeClient } from './run-fake-client';

const status = (over: Partial<StoreStatus>): StoreStatus => ({
  state: 'open', path: '/data/store', encrypted: false, keyKind: null, keychain: { available: true, reason: null }, holder: 'app', ...over,
});
const conversion = (over: Partial<StoreConversionView> & { itemsDone?: number; bytesDone?: number }): StoreConversionView => {
  const { itemsDone = 0, bytesDone = 0, ...rest } = over;
  return {
    id: 'c1', kind: 'store-encrypt', title: 'Encrypt the store', state: 'running', startedAt: 0, lines: [], action: 'encrypt', toKeyKind: 'key-file', cancellable: true,
    progress: { phase: 'copying artifacts', itemsDone, itemsTotal: 10, bytesDone, bytesTotal: 1000 },
    ...rest,
  };
};
const converting = (over: Parameters<typeof conversion>[0]) => status({ state: 'converting', conversion: conversion(over) });

const SECRET = 'correct horse battery staple';
const WRONG = 'The passphrase does not open store /data/store.';
/** What the backend sends: a sentence without its capital and full stop. */
const WRONG_AS_SENT = 'the passphrase does not open store /data/store';

describe('store status: unlocking', () => {
  it('shows busy while the key is checked, says a wrong passphrase in one sentence, opens with the right one, and keeps no passphrase', async () => {
    const answer = deferred<StoreStatus>();
    const fake = fakeClient({
      'store.status': () => status({ state: 'locked', encrypted: true, keyKind: 'passphrase' }),
      'store.unlock': (input: { passphrase?: string }) => {
        if (input.passphrase !== SECRET) throw new Error(WRONG_AS_SENT);
        return answer.promise;
      },
    });
    const store = createStoreStatusStore(fake.api);
    await store.getState().refresh();
    expect(store.getState().status?.state).toBe('locked');

    expect(await store.getState().unlock({ passphrase: 'nope' })).toBe(false);
    expect(store.getState()).toMatchObject({ busy: null, error: { action: 'unlock', message: WRONG }, status: { state: 'locked' } });

    const opening = store.getState().unlock({ passphrase: SECRET });
    expect(store.getState()).toMatchObject({ busy: 'unlock', error: null });
    // a second Enter while scrypt runs is not a second call
    expect(await store.getState().unlock({ passphrase: SECRET })).toBe(false);
    answer.resolve(status({ encrypted: true, keyKind: 'passphrase' }));
    expect(await opening).toBe(true);
    expect(store.getState()).toMatchObject({ busy: null, error: null, status: { state: 'open' } });
    expect(fake.calls.filter((c) => c.method === 'store.unlock').map((c) => c.input)).toEqual([{ passphrase: 'nope' }, { passphrase: SECRET }]);
    expect(JSON.stringify(store.getState())).not.toContain(SECRET);
    expect(JSON.stringify(store.getState())).not.toContain('nope');
  });

  it('unlocks with a key file path; an answer that is still locked says why; a pushed status opens the gate', async () => {
    const fake = fakeClient({ 'store.unlock': () => status({ state: 'locked', keyKind: 'key-file', encrypted: true, lastError: 'The key file /k does not open store /data/store.' }) });
    const store = createStoreStatusStore(fake.api);
    expect(await store.getState().unlock({ keyFile: '/k' })).toBe(false);
    expect(fake.calls.at(-1)).toEqual({ method: 'store.unlock', input: { keyFile: '/k' } });
    expect(store.getState().error).toEqual({ action: 'unlock', message: 'The key file /k does not open store /data/store.' });
    fake.emit({ event: 'store.changed', payload: { status: status({ encrypted: true, keyKind: 'key-file' }) } });
    expect(store.getState().status?.state).toBe('open');
  });

  it('keeps a status that cannot be read as a load error', async () => {
    const store = createStoreStatusStore(fakeClient({ 'store.status': () => { throw new Error('Sextant cannot be reached.'); } }).api);
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: null, loadError: 'Sextant cannot be reached.' });
  });
});

describe('store status: protecting a new store without a keychain', () => {
  it('creates it with a passphrase or, chosen, unencrypted; a refusal is kept for the screen', async () => {
    const fake = fakeClient({
      'store.protect': (p: { with: string; passphrase?: string }) => {
        if (p.with === 'passphrase' && p.passphrase!.length < 8) throw new Error('A passphrase needs at least 8 characters.');
        return status({ encrypted: p.with === 'passphrase', keyKind: p.with === 'passphrase' ? 'passphrase' : null });
      },
    });
    const store = createStoreStatusStore(fake.api);
    expect(await store.getState().protect({ with: 'passphrase', passphrase: 'short' })).toBe(false);
    expect(store.getState().error).toEqual({ action: 'protect', message: 'A passphrase needs at least 8 characters.' });
    expect(await store.getState().protect({ with: 'passphrase', passphrase: SECRET })).toBe(true);
    expect(store.getState().status).toMatchObject({ state: 'open', encrypted: true, keyKind: 'passphrase' });
    expect(JSON.stringify(store.getState())).not.toContain(SECRET);
    expect(await store.getState().protect({ with: 'none' })).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ method: 'store.protect', input: { with: 'none' } });
    expect(store.getState().status).toMatchObject({ state: 'open', encrypted: false });
  });
});

describe('store status: conversions', () => {
  it('calls the method for each action and keeps a refusal before the start for the dialog', async () => {
    const fake = fakeClient({
      'store.encrypt': () => converting({}),
      'store.rekey': () => converting({ action: 'rekey', id: 'c2' }),
      'store.decrypt': () => { throw new Error('The disk has 2 GiB free; the decrypted copy needs 5 GiB.'); },
    });
    const store = createStoreStatusStore(fake.api);
    expect(await store.getState().convert({ action: 'decrypt', current: { passphrase: SECRET } })).toBe(false);
    expect(store.getState()).toMatchObject({ busy: null, error: { action: 'convert', message: 'The disk has 2 GiB free; the decrypted copy needs 5 GiB.' } });
    expect(await store.getState().convert({ action: 'encrypt', key: { kind: 'key-file', path: '/keys/k', generate: true } })).toBe(true);
    expect(await store.getState().convert({ action: 'rekey', key: { kind: 'os-keychain' }, current: { keyFile: '/keys/old' } })).toBe(true);
    expect(fake.calls.map((c) => [c.method, c.input])).toEqual([
      ['store.decrypt', { current: { passphrase: SECRET } }],
      ['store.encrypt', { key: { kind: 'key-file', path: '/keys/k', generate: true } }],
      ['store.rekey', { key: { kind: 'os-keychain' }, current: { keyFile: '/keys/old' } }],
    ]);
    expect(store.getState().error).toBeNull();
    expect(JSON.stringify(store.getState())).not.toContain(SECRET); // the current passphrase was for the call only
  });

  it('samples progress from store.changed for the rate, and clears the samples at the end', async () => {
    let t = 0;
    const fake = fakeClient({ 'store.encrypt': () => converting({}) });
    const store = createStoreStatusStore(fake.api, () => t);
    await store.getState().convert({ action: 'encrypt', key: { kind: 'passphrase', passphrase: SECRET } });
    const push = (s: StoreStatus) => fake.emit({ event: 'store.changed', payload: { status: s } });
    t = 1000;
    push(converting({ itemsDone: 4, bytesDone: 400 }));
    t = 2000;
    push(converting({ itemsDone: 10, bytesDone: 1000 }));
    expect(store.getState().samples).toEqual([{ at: 0, items: 0, bytes: 0 }, { at: 1000, items: 4, bytes: 400 }, { at: 2000, items: 10, bytes: 1000 }]);
    push(status({ encrypted: true, keyKind: 'passphrase', conversion: conversion({ state: 'succeeded', itemsDone: 10, bytesDone: 1000, outcome: { summary: 'encrypted', problems: [] } }) }));
    expect(store.getState()).toMatchObject({ samples: [], status: { state: 'open', conversion: { state: 'succeeded' } } });
    expect(JSON.stringify(store.getState())).not.toContain(SECRET);
    // a second conversion starts its own samples
    push(converting({ id: 'c2', itemsDone: 1 }));
    expect(store.getState().samples.map((s) => s.items)).toEqual([1]);
  });

  it('does not let the answer to the start take progress back or bring an ended conversion back', async () => {
    const answer = deferred<StoreStatus>();
    const fake = fakeClient({ 'store.rekey': () => answer.promise });
    const store = createStoreStatusStore(fake.api);
    const started = store.getState().convert({ action: 'rekey', key: { kind: 'key-file', path: '/k2' }, current: { folderName: 'store' } });
    fake.emit({ event: 'store.changed', payload: { status: converting({ action: 'rekey', itemsDone: 1 }) } });
    fake.emit({ event: 'store.changed', payload: { status: status({ encrypted: true, keyKind: 'key-file', conversion: conversion({ action: 'rekey', state: 'succeeded' }) }) } });
    answer.resolve(converting({ action: 'rekey' }));
    expect(await started).toBe(true);
    expect(store.getState().status).toMatchObject({ state: 'open', conversion: { state: 'succeeded' } });
  });

  it('cancels, and closes the summary of the ended conversion only', async () => {
    const fake = fakeClient({ 'store.cancelConversion': () => status({ conversion: conversion({ state: 'cancelled' }) }) });
    const store = createStoreStatusStore(fake.api);
    await store.getState().cancelConversion();
    expect(store.getState().status?.conversion?.state).toBe('cancelled');
    store.getState().dismissConversion();
    expect(store.getState().dismissedConversion).toBe('c1');
  });
});
