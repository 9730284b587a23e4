import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runJobFromCli, type RunJobFromCliOptions } from '../../../../electron/jobs/job-cli';
import { prepareJobHost } from '../../../../electron/jobs/job-host';
import { JobRunner } from '../../../../electron/jobs/job-runner';
import { openLocalJobs } from '../../../../electron/jobs/local-jobs';
import { acquireStoreLock, lockEndpoint, readHolder } from '../../../../electron/store/store-lock';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { CountJob } from './fixtures/count-job';

const tempDir = useTempDirs();
const open: TestStore[] = [];

afterEach(async () => {
  for (const t of open.splice(0)) await t.store.close();
});

/** A store held by this process as `sextant serve` holds it, running the test's count job. */
async function holdStore(dir: string, count: CountJob) {
  const host = prepareJobHost({ pid: process.pid, kind: 'serve' });
  const t = await openTestStore(dir, { onLockConnection: host.onConnection });
  open.push(t);
  const runner = new JobRunner({ handlers: { count: count.handler }, throttleMs: 0, log: () => {} });
  host.attach(runner);
  return runner;
}

function capture(columns = 60) {
  let text = '';
  return { columns, write: (s: string) => (text += s), get text() { return text; } };
}

function cli(dir: string, args: object, over: Partial<RunJobFromCliOptions> = {}) {
  const stdout = capture();
  const stderr = capture();
  let interrupt: () => void = () => {};
  const opts: RunJobFromCliOptions = {
    storeDir: dir,
    job: { kind: 'count', args },
    json: false,
    stdout,
    stderr,
    isTTY: true,
    openLocally: () => Promise.reject(new Error('the store is held: this must not open it')),
    onInterrupt: (listener) => ((interrupt = listener), () => (interrupt = () => {})),
    exit: () => {},
    ...over,
  };
  return { stdout, stderr, interrupt: () => interrupt(), done: runJobFromCli(opts) };
}

/** The last state of the progress line drawn on the (captured) terminal. */
const progressLine = (stderr: string) => stderr.split('\r\x1b[K').at(-1)!;

describe('runJobFromCli', () => {
  it('hands the job to the process holding the store through its lock socket and shows its progress', async () => {
    const dir = tempDir();
    const count = new CountJob();
    const runner = await holdStore(dir, count);
    const run = cli(dir, { items: 3 });
    await count.whenWaiting();
    count.allow(1);
    await vi.waitFor(() => expect(progressLine(run.stderr.text)).toMatch(/^counting {2}33% {2}1\/3 items/));
    expect(progressLine(run.stderr.text).length).toBeLessThan(60);
    count.allow(2);
    expect(await run.done).toBe(0);
    expect(run.stdout.text).toBe('counted 3 items\n');
    expect(run.stderr.text).toContain(`running in process ${process.pid} (sextant serve), which holds the store\n`);
    expect(run.stderr.text).toContain('counting 3 items\n'); // the job's log line
    expect(run.stderr.text.endsWith('\r\x1b[K')).toBe(true); // the progress line is cleared at the end
    expect(runner.list()).toMatchObject([{ kind: 'count', state: 'succeeded' }]);
  });

  it('prints a JSON report saying where the job ran, and nothing on a stderr that is not a terminal', async () => {
    const dir = tempDir();
    await holdStore(dir, new CountJob(true));
    const run = cli(dir, { items: 4 }, { json: true, isTTY: false });
    expect(await run.done).toBe(0);
    expect(run.stderr.text).toBe('');
    expect(JSON.parse(run.stdout.text)).toMatchObject({
      kind: 'count',
      state: 'succeeded',
      summary: 'counted 4 items',
      problems: [],
      details: { counted: 4 },
      progress: { itemsDone: 4, itemsTotal: 4, bytesDone: 4000, bytesTotal: 4000 },
      ranIn: `handed to process ${process.pid} (sextant serve)`,
      holder: { pid: process.pid, kind: 'serve' },
    });
  });

  it('runs the job in this process when nobody holds the store, then releases the store', async () => {
    const dir = tempDir();
    const count = new CountJob(true);
    const run = cli(dir, { items: 2 }, { json: true, isTTY: false, openLocally: () => openLocalJobs({ storeDir: dir, handlers: () => ({ count: count.handler }), log: () => {} }) });
    expect(await run.done).toBe(0);
    expect(JSON.parse(run.stdout.text)).toMatchObject({ state: 'succeeded', summary: 'counted 2 items', ranIn: 'in this process' });
    expect(count.started).toBe(1);
    expect(existsSync(lockEndpoint(dir))).toBe(false);
    expect(readHolder(dir)).toBeNull();
    await (await acquireStoreLock(dir)).release();
  });

  it('while it runs a job locally, takes jobs other commands hand over, and waits for them before closing', async () => {
    const dir = tempDir();
    const mine = new CountJob();
    const theirs = new CountJob();
    const handlers = () => ({ count: mine.handler, other: theirs.handler });
    const first = cli(dir, { items: 1 }, { isTTY: false, openLocally: () => openLocalJobs({ storeDir: dir, handlers, log: () => {} }) });
    await mine.whenWaiting();
    const second = cli(dir, { items: 1 }, { isTTY: false, job: { kind: 'other', args: { items: 1 } } });
    await theirs.whenWaiting();
    mine.allow(1);
    await vi.waitFor(() => expect(first.stderr.text).toContain('waiting for 1 job(s)'));
    theirs.allow(1);
    expect(await second.done).toBe(0);
    expect(await first.done).toBe(0);
    expect(JSON.stringify([first.stdout.text, second.stdout.text])).toBe(JSON.stringify(['counted 1 items\n', 'counted 1 items\n']));
    expect(existsSync(lockEndpoint(dir))).toBe(false);
  });

  it('exits non-zero with one line per problem', async () => {
    const dir = tempDir();
    await holdStore(dir, new CountJob(true));
    const run = cli(dir, { items: 3, bad: [1, 3] }, { isTTY: false });
    expect(await run.done).toBe(1);
    expect(run.stdout.text).toBe('counted 3 items\n');
    expect(run.stderr.text).toBe('item-1: could not be counted\nitem-3: could not be counted\n');
  });

  it('reports a refused job (unknown kind) in one line, never a stack', async () => {
    const dir = tempDir();
    await holdStore(dir, new CountJob(true));
    const run = cli(dir, {}, { isTTY: false, job: { kind: 'push', args: {} } });
    expect(await run.done).toBe(1);
    expect(run.stdout.text).toMatch(/^push failed: process \d+ \(.*\): unknown job kind 'push' \(this process runs: count\)\n$/);
    expect(run.stderr.text.split('\n')).toHaveLength(2);
  });

  it('says clearly when the holder does not speak the job protocol (an older Sextant)', async () => {
    const dir = tempDir();
    const lock = await acquireStoreLock(dir); // closes every connection at once
    try {
      const run = cli(dir, { items: 1 }, { isTTY: false });
      expect(await run.done).toBe(1);
      expect(run.stderr.text).toMatch(/closed the connection without taking the job \(an older Sextant that cannot run jobs\?\)/);
    } finally {
      await lock.release();
    }
  });

  it('cancels a handed-over job at the first Ctrl-C and waits for it to stop', async () => {
    const dir = tempDir();
    const count = new CountJob();
    const runner = await holdStore(dir, count);
    const run = cli(dir, { items: 5 });
    await count.whenWaiting();
    count.allow(1);
    await count.whenWaiting();
    run.interrupt();
    expect(await run.done).toBe(130);
    expect(run.stdout.text).toBe('counted 1 of 5 items, then cancelled\n');
    expect(run.stderr.text).toContain('cancelling: waiting for the job to stop');
    expect(runner.list()[0]!.state).toBe('cancelled');
  });

  it('quits at the second Ctrl-C, and the closed connection cancels the job in the holder', async () => {
    const dir = tempDir();
    const count = new CountJob();
    let cancelRequests = 0;
    const runner = await holdStore(dir, count);
    const cancel = runner.cancel.bind(runner);
    runner.cancel = (id) => ++cancelRequests > 1 && cancel(id); // ignores the first request
    const run = cli(dir, { items: 5 });
    await count.whenWaiting();
    run.interrupt(); // the cancel line: ignored by this holder
    await vi.waitFor(() => expect(cancelRequests).toBe(1));
    run.interrupt();
    expect(await run.done).toBe(130);
    await vi.waitFor(() => expect(runner.list()[0]!.state).toBe('cancelled'));
    expect(cancelRequests).toBe(2);
  });

  it('cancels a job running in this process at Ctrl-C and still closes the store', async () => {
    const dir = tempDir();
    const count = new CountJob();
    const run = cli(dir, { items: 3 }, { isTTY: false, openLocally: () => openLocalJobs({ storeDir: dir, handlers: () => ({ count: count.handler }), log: () => {} }) });
    await count.whenWaiting();
    run.interrupt();
    expect(await run.done).toBe(130);
    expect(run.stdout.text).toBe('counted 0 of 3 items, then cancelled\n');
    expect(existsSync(lockEndpoint(dir))).toBe(false);
  });
});
