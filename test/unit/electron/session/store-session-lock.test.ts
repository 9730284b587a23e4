import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcResult } from '../../../../shared/ipc/contract';
import type { StoreStatus } from '../../../../shared/ipc/store-types';
import { dispatch } from '../../../../electron/ipc/dispatch';
import { connectToHolder, handOffJob } from '../../../../electron/jobs/job-client';
import { openTracking, type RunningTracking } from '../../../../electron/open-tracking';
import { acquireStoreLock, lockEndpoint } from '../../../../electron/store/store-lock';
import { seedStore } from '../../../support/convert-fixture';
import { useTempDirs } from '../../../support/temp-dir';
import { fakeKeychain } from '../store/crypto/keys/fixtures';

const tempDir = useTempDirs();
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple 42';

let running: RunningTracking[] = [];
afterEach(async () => {
  for (const t of running) await t.close();
  running = [];
});

async function serve(dir: string, opts: { app?: boolean; jobs?: boolean } = {}) {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  const logs: string[] = [];
  const tracking = await openTracking({ storeDir: dir, host: '127.0.0.1', port: 0, log: (m) => logs.push(m), version: 'test', rendererDir, scrypt: CHEAP_SCRYPT, ...(opts.app ? { jobs: { holder: 'app' as const }, keychain: fakeKeychain({ backend: 'basic_text' }) } : {}), ...(opts.jobs ? { jobs: { handlers: () => ({ 'test.echo': async () => ({ summary: 'echoed', problems: [] }) }) } } : {}) });
  running.push(tracking);
  const call = (method: string, input: unknown = {}) => dispatch(tracking.handlers, method, input, { transport: 'ipc' }, (m) => logs.push(m));
  return { tracking, call, logs };
}

/** What a CLI command handing a job to the store's holder hears (or null: nobody holds the store). */
async function handOff(dir: string): Promise<string | null> {
  const socket = await connectToHolder(lockEndpoint(dir));
  if (!socket) return null;
  return handOffJob(socket, { kind: 'no-such-job', args: {} }, { peer: 'the holder', answerTimeoutMs: 30_000 }).then(
    () => 'accepted',
    (err: Error) => err.message,
  );
}

const value = <T>(r: RpcResult): T => {
  if (!r.ok) throw new Error(`call failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

describe('store session: the one-writer lock while the store waits', () => {
  it('holds the lock while locked: another opener is refused, a handed-over job hears why at once; once open, jobs reach the store', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { key: { kind: 'passphrase', passphrase: PASSPHRASE, scrypt: CHEAP_SCRYPT }, runs: 1, points: 5 });
    const s = await serve(dir);
    expect(value<StoreStatus>(await s.call('store.status')).state).toBe('locked');
    await expect(acquireStoreLock(dir)).rejects.toThrow(`store ${dir} is already open by process ${process.pid}`);
    expect(await handOff(dir)).toBe(`the holder: store ${dir} is held by sextant serve but locked: unlock it first`);

    value(await s.call('store.unlock', { passphrase: PASSPHRASE }));
    await expect(acquireStoreLock(dir)).rejects.toThrow('already open');
    // the open store's job host answers now (this process runs no job of that kind)
    expect(await handOff(dir)).toMatch(/^the holder: unknown job kind 'no-such-job'/);

    await s.tracking.close();
    running = [];
    const lock = await acquireStoreLock(dir); // let go at the end
    await lock.release();
  });

  it('holds the lock of a new store waiting for a choice of protection in the app', async () => {
    const dir = join(tempDir(), 'new-store');
    const s = await serve(dir, { app: true });
    expect(value<StoreStatus>(await s.call('store.status')).state).toBe('needs-protection');
    await expect(acquireStoreLock(dir)).rejects.toThrow('already open');
    expect(await handOff(dir)).toBe(`the holder: store ${dir} is held by the Sextant app but not created yet: choose how to protect it in the Sextant window first`);
  });
});

describe('store session: new passphrases', () => {
  it('refuses a new passphrase under 10 characters in protect, encrypt and rekey, not in unlock', async () => {
    const dir = join(tempDir(), 'new-store');
    const app = await serve(dir, { app: true });
    const short = 'nine-char';
    expect(await app.call('store.protect', { with: 'passphrase', passphrase: short })).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('at least 10 characters') } });
    value(await app.call('store.protect', { with: 'passphrase', passphrase: 'ten-chars!' }));
    expect(await app.call('store.rekey', { key: { kind: 'passphrase', passphrase: short }, current: { passphrase: 'ten-chars!' } })).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('at least 10 characters') } });

    const plainDir = join(tempDir(), 'plain');
    await seedStore(plainDir, { runs: 1, points: 5 });
    const plain = await serve(plainDir);
    expect(await plain.call('store.encrypt', { key: { kind: 'passphrase', passphrase: short } })).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('at least 10 characters') } });

    const lockedDir = join(tempDir(), 'locked');
    await seedStore(lockedDir, { key: { kind: 'passphrase', passphrase: PASSPHRASE, scrypt: CHEAP_SCRYPT }, runs: 1, points: 5 });
    const locked = await serve(lockedDir);
    // an old passphrase may be short: unlock checks it against the store
    expect(await locked.call('store.unlock', { passphrase: 'tiny-pw' })).toEqual({ ok: false, error: { code: 'bad_input', message: `the passphrase does not open store ${lockedDir}` } });
    expect(locked.logs).toContain(`a wrong passphrase was given for store ${lockedDir} (1 in a row); its refusal waited 0.5 s`);
    expect(JSON.stringify(locked.logs)).not.toContain('tiny-pw');
  });
});

describe('store session: jobs across a reopen', () => {
  it('still lists the jobs that ended before an encryption once the store is reopened', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 1, points: 5 });
    const s = await serve(dir, { jobs: true });
    const job = s.tracking.jobs.start({ kind: 'test.echo', args: {} });
    await job.done;
    const before = value<{ id: string; state: string }[]>(await s.call('jobs.list'));
    expect(before).toMatchObject([{ id: job.id, state: 'succeeded' }]);
    value(await s.call('store.encrypt', { key: { kind: 'passphrase', passphrase: PASSPHRASE } }));
    await s.tracking.session.settled();
    expect(value<StoreStatus>(await s.call('store.status'))).toMatchObject({ state: 'open', encrypted: true });
    expect(value<{ id: string; state: string }[]>(await s.call('jobs.list'))).toEqual(before);
    // and once more: carried again, oldest first as a job runner lists them
    const second = s.tracking.jobs.start({ kind: 'test.echo', args: {} });
    await second.done;
    value(await s.call('store.decrypt', { current: { passphrase: PASSPHRASE } }));
    await s.tracking.session.settled();
    expect(value<{ id: string }[]>(await s.call('jobs.list')).map((j) => j.id)).toEqual([job.id, second.id]);
  });
});
