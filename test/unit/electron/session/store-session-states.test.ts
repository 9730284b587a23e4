import { describe, expect, it } from 'vitest';
import { StoreSession, type OpenRequest, type SessionStore, type StoreSessionDeps } from '../../../../electron/session/store-session';
import type { ConvertRequest, ConvertResult } from '../../../../electron/store/convert/convert-store';
import type { Manifest } from '../../../../electron/store/manifest';
import type { StoreStatus } from '../../../../shared/ipc/store-types';

/** The session's state machine over fakes: what opens, what a conversion does, what fails. */
function fakeSession(opts: { manifest?: Manifest | null; convert?: (req: ConvertRequest) => Promise<ConvertResult>; open?: (req: OpenRequest) => Promise<SessionStore>; jobs?: number } = {}) {
  const opens: OpenRequest[] = [];
  const closes: number[] = [];
  let manifest: Manifest | null = opts.manifest === undefined ? { format: 2, storeId: 's', createdAt: 0, snapshot: null } : opts.manifest;
  const store = (): SessionStore => ({ rekey: async () => {}, runningJobs: () => opts.jobs ?? 0, close: async () => void closes.push(1) });
  const deps: StoreSessionDeps<SessionStore> = {
    dir: '/data/store',
    holder: 'serve',
    open: async (req) => {
      opens.push(req);
      return opts.open ? opts.open(req) : store();
    },
    convert: opts.convert ?? (async () => ({ changed: true, summary: 'done' })),
    readManifest: () => manifest,
    finishInterruptedSwap: async () => 'none',
    checkKey: async () => {},
    keyFiles: { check: () => {}, generate: () => {} },
    log: () => {},
  };
  const session = new StoreSession(deps);
  const statuses: StoreStatus[] = [];
  session.onStatus((s) => statuses.push(s));
  return { session, opens, closes, statuses, setManifest: (m: Manifest | null) => (manifest = m) };
}

describe('StoreSession states', () => {
  it('a failed encryption reopens the store as it was and says why in one sentence', async () => {
    const f = fakeSession({ convert: async () => Promise.reject(new Error('not enough free space beside store /data/store: 2 GiB needed, 1 GiB free')) });
    await f.session.start();
    await f.session.encrypt({ kind: 'passphrase', passphrase: 'p' });
    await f.session.settled();
    expect(f.session.status()).toMatchObject({ state: 'open', encrypted: false, lastError: 'not enough free space beside store /data/store: 2 GiB needed, 1 GiB free', conversion: { state: 'failed' } });
    expect(f.opens).toEqual([{}, {}]); // reopened plain, no key
    expect(f.closes).toHaveLength(1);
    expect(f.statuses.map((s) => s.state)).toEqual(['open', 'converting', 'converting', 'open', 'open']);
  });

  it('a store that does not reopen after its conversion waits, locked, with the sentence', async () => {
    let n = 0;
    const f = fakeSession({ open: async () => (n++ === 0 ? { rekey: async () => {}, runningJobs: () => 0, close: async () => {} } : Promise.reject(new Error('store /data/store is held by process 9'))) });
    await f.session.start();
    await f.session.decrypt().catch(() => undefined); // plain: refused
    await f.session.encrypt({ kind: 'passphrase', passphrase: 'p' });
    f.setManifest({ format: 3, storeId: 's', createdAt: 0, snapshot: null, encryption: { keyKind: 'key-file' } as Manifest['encryption'] });
    await f.session.settled();
    expect(f.session.status()).toMatchObject({ state: 'locked', lastError: 'store /data/store is held by process 9' });
    expect(f.session.unavailable()).toBe('store /data/store is locked: unlock it in the browser, at the URL sextant serve printed');
  });

  it('refuses to convert while jobs run, and a second request while one is being handled', async () => {
    const f = fakeSession({ jobs: 2 });
    await f.session.start();
    await expect(f.session.encrypt({ kind: 'passphrase', passphrase: 'p' })).rejects.toThrow('2 jobs are running on store /data/store; wait for them to finish or cancel them first');
    const g = fakeSession({ manifest: null });
    const started = g.session.start();
    await started;
    expect(g.session.status().state).toBe('open'); // headless, no keychain: a new store is plain
  });

  it('close during a conversion cancels it while it can and waits for the store to be back', async () => {
    let seen: AbortSignal | undefined;
    const f = fakeSession({
      convert: (req) =>
        new Promise((_, reject) => {
          seen = req.signal;
          req.signal!.addEventListener('abort', () => reject(Object.assign(new Error('conversion of store /data/store cancelled; the store is as it was'), { name: 'ConvertCancelledError' })));
        }),
    });
    await f.session.start();
    await f.session.encrypt({ kind: 'passphrase', passphrase: 'p' });
    await new Promise((r) => setImmediate(r));
    await f.session.close();
    expect(seen?.aborted).toBe(true);
    expect(f.session.status().conversion).toMatchObject({ state: 'cancelled' });
    expect(f.opens).toHaveLength(1); // not reopened once closing
  });
});
