import { describe, expect, it } from 'vitest';
import { StoreKeyError } from '../../../../electron/store/crypto/keys/key-errors';
import { StoreOpenError } from '../../../../electron/store/store-errors';
import { fakeKeychain } from '../store/crypto/keys/fixtures';
import { StoreSession, type OpenRequest, type SessionStore, type StoreSessionDeps } from '../../../../electron/session/store-session';
import type { ConvertRequest, ConvertResult } from '../../../../electron/store/convert/convert-store';
import type { Manifest } from '../../../../electron/store/manifest';
import type { StoreStatus } from '../../../../shared/ipc/store-types';

/** The session's state machine over fakes: what opens, what a conversion does, what fails. */
function fakeSession(opts: { manifest?: Manifest | null; convert?: (req: ConvertRequest) => Promise<ConvertResult>; open?: (req: OpenRequest) => Promise<SessionStore>; jobs?: number; checkKey?: () => Promise<void>; takeLock?: () => Promise<void>; holder?: 'app' | 'serve' } = {}) {
  const opens: Omit<OpenRequest, 'lock' | 'previous'>[] = [];
  const closes: number[] = [];
  /** What happened to the store's lock and the store, in order. */
  const steps: string[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  let manifest: Manifest | null = opts.manifest === undefined ? { format: 2, storeId: 's', createdAt: 0, snapshot: null } : opts.manifest;
  const store = (): SessionStore => ({ rekey: async () => {}, runningJobs: () => opts.jobs ?? 0, close: async () => void (closes.push(1), steps.push('store closed')) });
  const deps: StoreSessionDeps<SessionStore> = {
    dir: '/data/store',
    holder: opts.holder ?? 'serve',
    ...(opts.holder === 'app' ? { keychain: fakeKeychain() } : {}),
    open: async (req) => {
      const { lock, previous: _previous, ...rest } = req;
      opens.push(rest);
      steps.push(`open (lock ${lock?.held ? 'held' : 'not held'})`);
      return opts.open ? opts.open(req) : store();
    },
    convert: async (req) => {
      steps.push('convert');
      return (opts.convert ?? (async () => ({ changed: true, summary: 'done' })))(req);
    },
    readManifest: () => manifest,
    finishInterruptedSwap: async () => 'none',
    checkKey: opts.checkKey ?? (async () => {}),
    keyFiles: { check: () => {}, generate: () => {} },
    log: (m) => logs.push(m),
    takeLock: async () => {
      steps.push('lock taken');
      await opts.takeLock?.();
      return { endpoint: '/data/store/lock.sock', release: async () => void steps.push('lock let go') };
    },
    sleep: async (ms) => void sleeps.push(ms),
  };
  const session = new StoreSession(deps);
  const statuses: StoreStatus[] = [];
  session.onStatus((s) => statuses.push(s));
  return { session, opens, closes, statuses, steps, sleeps, logs, setManifest: (m: Manifest | null) => (manifest = m) };
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
    await f.session.decrypt({ passphrase: 'p' }).catch(() => undefined); // plain: refused
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

const ENCRYPTED = (keyKind: 'passphrase' | 'key-file' | 'os-keychain'): Manifest => ({ format: 3, storeId: 's', createdAt: 0, snapshot: null, encryption: { keyKind } as Manifest['encryption'] });
const wrongPassphrase = () => new StoreKeyError('wrong-key', 'the passphrase does not open store /data/store');

describe('StoreSession: the lock, wrong keys', () => {
  it('holds the lock from the start while locked, opens under it, lets it go only for the converter and at the end', async () => {
    const f = fakeSession({ manifest: ENCRYPTED('passphrase') });
    await f.session.start();
    expect(f.session.status().state).toBe('locked');
    expect(f.steps).toEqual(['lock taken']);
    await f.session.unlock({ passphrase: 'the right one' });
    expect(f.steps).toEqual(['lock taken', 'open (lock held)']);
    await f.session.decrypt({ passphrase: 'the right one' });
    await f.session.settled();
    // store closed, lock let go right before the converter (which takes it itself), taken back before the reopen
    expect(f.steps.slice(2)).toEqual(['store closed', 'lock let go', 'convert', 'lock taken', 'open (lock held)']);
    await f.session.close();
    expect(f.steps.slice(-2)).toEqual(['store closed', 'lock let go']);
  });

  it('a start whose lock another process holds fails, as an open did', async () => {
    const f = fakeSession({ manifest: ENCRYPTED('passphrase'), takeLock: async () => Promise.reject(new StoreOpenError('store /data/store is already open by process 9')) });
    await expect(f.session.start()).rejects.toThrow('store /data/store is already open by process 9');
    expect(f.opens).toEqual([]);
    // a start whose open fails (a wrong key given at start, a damaged store) lets the lock go
    const g = fakeSession({ open: async () => Promise.reject(new StoreOpenError('store /data/store is damaged')) });
    await expect(g.session.start()).rejects.toThrow('store /data/store is damaged');
    expect(g.steps).toEqual(['lock taken', 'open (lock held)', 'lock let go']);
  });

  it('answers each wrong passphrase later than the one before (0.5 s doubling to 30 s), resets on the right one, never logs it', async () => {
    const right = 'the right passphrase';
    const f = fakeSession({ manifest: ENCRYPTED('passphrase'), open: async (req) => (req.key?.kind === 'passphrase' && req.key.passphrase === right ? { rekey: async () => {}, runningJobs: () => 0, close: async () => {} } : Promise.reject(wrongPassphrase())) });
    await f.session.start();
    for (let i = 0; i < 9; i++) await expect(f.session.unlock({ passphrase: `guess-${i}` })).rejects.toThrow('the passphrase does not open store /data/store');
    expect(f.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    await f.session.unlock({ passphrase: right });
    expect(f.session.status().state).toBe('open');
    // a wrong current passphrase for a decrypt counts the same, starting again from 0.5 s
    const g = fakeSession({ manifest: ENCRYPTED('passphrase'), checkKey: async () => Promise.reject(wrongPassphrase()) });
    await g.session.start();
    await g.session.unlock({ passphrase: right });
    await expect(g.session.decrypt({ passphrase: 'guess' })).rejects.toThrow('the passphrase does not open store /data/store');
    await expect(g.session.rekey({ kind: 'passphrase', passphrase: 'a new long passphrase' }, { passphrase: 'guess-2' })).rejects.toThrow('the passphrase does not open store /data/store');
    expect(g.sleeps).toEqual([500, 1000]);
    expect(g.session.status()).toMatchObject({ state: 'open', encrypted: true });
    expect(g.steps).not.toContain('convert');
    expect(f.logs.join('\n')).toContain('a wrong passphrase was given for store /data/store (9 in a row)');
    expect(JSON.stringify([f.logs, g.logs, f.statuses, g.statuses])).not.toMatch(/guess|the right passphrase|a new long passphrase/);
  });

  it('asks a decrypt or rekey for the current key of the store\'s kind, or its folder name for an OS-keychain store', async () => {
    const f = fakeSession({ manifest: ENCRYPTED('key-file') });
    await f.session.start(); // headless key-file store with no key: refused at start; here the fake open takes any
    await expect(f.session.decrypt({ passphrase: 'p' })).rejects.toThrow('store /data/store is encrypted with a key file: give its current key file to decrypt it');
    await expect(f.session.rekey({ kind: 'os-keychain' }, { folderName: 'store' })).rejects.toThrow('store /data/store is encrypted with a key file: give its current key file to change its key');
    const k = fakeSession({ manifest: ENCRYPTED('os-keychain'), holder: 'app' });
    await k.session.start(); // opened with the app's keychain
    expect(k.opens).toMatchObject([{ key: { kind: 'os-keychain' } }]);
    await expect(k.session.decrypt({ folderName: 'other' })).rejects.toThrow("to decrypt it, type the name of store /data/store's folder (store) exactly");
    await expect(k.session.decrypt({ passphrase: 'p' })).rejects.toThrow("to decrypt it, type the name of store /data/store's folder (store) exactly");
    expect(k.steps).not.toContain('convert');
    await k.session.decrypt({ folderName: 'store' });
    await k.session.settled();
    expect(k.steps).toContain('convert');
  });
});
