import { describe, expect, it } from 'vitest';
import { ConvertCancelledError, type ConvertRequest, type ConvertResult } from '../../../../electron/store/convert/convert-store';
import type { KekSource } from '../../../../electron/store/crypto/keys/kek-source';
import type { Manifest } from '../../../../electron/store/manifest';
import { ConversionTracker } from '../../../../electron/session/conversion-tracker';
import { runConversion, runRekey } from '../../../../electron/session/session-conversion';
import type { SessionLock } from '../../../../electron/session/session-lock';

const DIR = '/data/store';
const KEY: KekSource = { kind: 'key-file', path: '/keys/k.key' };
const ENCRYPTED = { encryption: { keyKind: 'key-file' } } as unknown as Manifest;
const PLAIN = {} as Manifest;

function steps(opts: { convert?: (req: ConvertRequest) => Promise<ConvertResult>; manifest?: Manifest | null; swapFails?: boolean; action?: 'encrypt' | 'decrypt' } = {}) {
  const order: string[] = [];
  const tracker = new ConversionTracker(opts.action ?? 'encrypt', 'key-file', { cancellable: true, now: () => 1 });
  const c = {
    dir: DIR,
    action: opts.action ?? ('encrypt' as const),
    key: KEY,
    store: { rekey: async () => {}, runningJobs: () => 0, beforeConvert: async () => void order.push('beforeConvert'), close: async () => void order.push('close') },
    tracker,
    lock: { letGo: async () => void order.push('letGo') } as unknown as SessionLock,
    convert: opts.convert ?? (async (req: ConvertRequest) => (order.push(`convert ${req.to}`), { changed: true, summary: 'encrypted 3 runs' })),
    finishInterruptedSwap: async () => {
      order.push('finishInterruptedSwap');
      if (opts.swapFails) throw new Error('the swap of store /data/store cannot be finished');
    },
    readManifest: () => (opts.manifest === undefined ? ENCRYPTED : opts.manifest),
    progress: { call: () => void order.push('progress'), cancel: () => void order.push('progress cancelled') },
    changed: () => undefined,
    log: (m: string) => void order.push(`log ${m.split('\n')[0]}`),
  };
  return { c, order, tracker };
}

describe('session conversion: encrypt or decrypt up to the reopen', () => {
  it('closes the store, lets the lock go, converts, then reads the key the store has now', async () => {
    const { c, order, tracker } = steps();
    expect(await runConversion(c)).toEqual({ outcome: { state: 'succeeded', summary: 'encrypted 3 runs' }, keyNow: KEY });
    expect(order).toEqual(['beforeConvert', 'close', 'letGo', 'convert encrypted', 'progress cancelled', 'finishInterruptedSwap']);
    expect(tracker.snapshot()).toMatchObject({ state: 'succeeded', cancellable: false, outcome: { summary: 'encrypted 3 runs', problems: [] } });
  });

  it('a decrypted store opens with no key; a failed one with the key it still has, the failure logged', async () => {
    expect((await runConversion(steps({ action: 'decrypt', manifest: PLAIN }).c)).keyNow).toBeUndefined();
    const failing = steps({ action: 'decrypt', convert: async () => Promise.reject(new Error('disk full')) });
    expect(await runConversion(failing.c)).toEqual({ outcome: { state: 'failed', summary: 'disk full' }, keyNow: KEY });
    expect(failing.order).toContain('log decrypt of store /data/store failed: Error: disk full');
    expect(failing.tracker.snapshot().outcome?.problems).toEqual([{ item: 'store', message: 'disk full' }]);
  });

  it('cancelled only when asked and the converter says so; a swap that cannot be finished is a failure with no key', async () => {
    const cancelled = steps({ convert: async () => Promise.reject(new ConvertCancelledError('conversion of store /data/store cancelled; the store is as it was')) });
    cancelled.tracker.cancel();
    expect((await runConversion(cancelled.c)).outcome.state).toBe('cancelled');
    expect(cancelled.order.some((l) => l.startsWith('log'))).toBe(false);
    const notAsked = steps({ convert: async () => Promise.reject(new ConvertCancelledError('cancelled')) });
    expect((await runConversion(notAsked.c)).outcome.state).toBe('failed');
    const swap = steps({ swapFails: true });
    expect(await runConversion(swap.c)).toEqual({ outcome: { state: 'failed', summary: 'the swap of store /data/store cannot be finished' }, keyNow: undefined });
  });

  it('a rekey answers null or the error sentence, the tracker finished either way', async () => {
    const ok = new ConversionTracker('rekey', 'key-file', { cancellable: false, now: () => 1 });
    expect(await runRekey({ rekey: async () => {}, runningJobs: () => 0, close: async () => {} }, KEY, KEY, ok, DIR)).toBeNull();
    expect(ok.snapshot().outcome?.summary).toBe('store /data/store now opens with its key file; no data was rewritten');
    const bad = new ConversionTracker('rekey', 'key-file', { cancellable: false, now: () => 1 });
    expect(await runRekey({ rekey: async () => Promise.reject(new Error('store.json cannot be written')), runningJobs: () => 0, close: async () => {} }, KEY, KEY, bad, DIR)).toBe('store.json cannot be written');
    expect(bad.snapshot().state).toBe('failed');
  });
});
