import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobRunner, JobStartError } from '../../../../electron/jobs/job-runner';
import type { JobEvent } from '../../../../electron/jobs/job-types';
import { CountJob } from './fixtures/count-job';

const quiet = () => {};

function runnerWith(jobs: Record<string, CountJob>, opts: { throttleMs?: number; keepEnded?: number } = {}) {
  const handlers = Object.fromEntries(Object.entries(jobs).map(([kind, job]) => [kind, job.handler]));
  const runner = new JobRunner({ handlers, log: quiet, throttleMs: opts.throttleMs ?? 0, keepEnded: opts.keepEnded });
  const events: JobEvent[] = [];
  runner.subscribe((e) => events.push(e));
  return { runner, events };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('JobRunner', () => {
  it('runs several jobs at once and lists each with its latest progress', async () => {
    const a = new CountJob();
    const b = new CountJob();
    const { runner } = runnerWith({ a, b });
    const ja = runner.start({ kind: 'a', args: { items: 2 } });
    const jb = runner.start({ kind: 'b', args: { items: 3 } });
    await Promise.all([a.whenWaiting(), b.whenWaiting()]);
    expect(runner.list().map((j) => [j.kind, j.state])).toEqual([['a', 'running'], ['b', 'running']]);
    b.allow(1);
    await b.whenWaiting();
    expect(runner.get(jb.id)!.progress).toMatchObject({ phase: 'counting', itemsDone: 1, itemsTotal: 3, bytesDone: 1000, bytesTotal: 3000, current: 'item-1' });
    a.allow(2);
    b.allow(2);
    const [ea, eb] = await Promise.all([ja.done, jb.done]);
    expect([ea.state, eb.state]).toEqual(['succeeded', 'succeeded']);
    expect(eb.outcome).toEqual({ summary: 'counted 3 items', problems: [], details: { counted: 3 } });
    expect(eb.endedAt).toBeGreaterThanOrEqual(eb.startedAt);
  });

  it('emits started, progress, log and finished events for each job', async () => {
    const count = new CountJob(true);
    const { runner, events } = runnerWith({ count });
    const job = runner.start({ kind: 'count', args: { items: 2 } });
    await job.done;
    const mine = events.filter((e) => (e.type === 'log' ? e.id : e.job.id) === job.id);
    expect(mine.map((e) => e.type)).toEqual(['started', 'progress', 'log', 'progress', 'progress', 'finished']);
    expect(mine.at(-1)).toMatchObject({ type: 'finished', job: { state: 'succeeded', progress: { itemsDone: 2 } } });
  });

  it('cancels a running job by id; its outcome is kept and its state is cancelled', async () => {
    const count = new CountJob();
    const { runner } = runnerWith({ count });
    const job = runner.start({ kind: 'count', args: { items: 5 } });
    count.allow(2);
    await count.whenWaiting();
    await vi.waitFor(() => expect(runner.get(job.id)!.progress.itemsDone).toBe(2));
    expect(runner.cancel(job.id)).toBe(true);
    const ended = await job.done;
    expect(ended.state).toBe('cancelled');
    expect(ended.outcome!.summary).toBe('counted 2 of 5 items, then cancelled');
    expect(runner.cancel(job.id)).toBe(false);
    expect(runner.cancel('no-such-job')).toBe(false);
  });

  it('fails a job that reports problems, and one that throws with the first line of its message only', async () => {
    const count = new CountJob(true);
    const logs: string[] = [];
    const runner = new JobRunner({ handlers: { count: count.handler }, throttleMs: 0, log: (m) => logs.push(m) });
    const withProblems = await runner.start({ kind: 'count', args: { items: 3, bad: [2] } }).done;
    expect(withProblems.state).toBe('failed');
    expect(withProblems.outcome!.problems).toEqual([{ item: 'item-2', message: 'could not be counted' }]);
    const thrown = await runner.start({ kind: 'count', args: { items: 3, throwAt: 2 } }).done;
    expect(thrown.state).toBe('failed');
    expect(thrown.outcome).toEqual({ summary: 'count failed: item 2 broke', problems: [{ item: 'count', message: 'item 2 broke' }] });
    expect(logs.join('\n')).toMatch(/at count \(count-job/); // the stack goes to the log only
  });

  it('refuses an unknown kind, naming the kinds it runs, and inherited names', () => {
    const { runner } = runnerWith({ count: new CountJob() });
    expect(() => runner.start({ kind: 'push', args: {} })).toThrow(new JobStartError("unknown job kind 'push' (this process runs: count)"));
    expect(() => runner.start({ kind: 'toString', args: {} })).toThrow(JobStartError);
    expect(runner.list()).toEqual([]);
  });

  it('keeps only the most recent ended jobs', async () => {
    const { runner } = runnerWith({ count: new CountJob(true) }, { keepEnded: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const job = runner.start({ kind: 'count', args: { items: 1 } });
      ids.push(job.id);
      await job.done;
    }
    expect(runner.list().map((j) => j.id)).toEqual(ids.slice(2));
  });

  it('on close refuses new jobs and, asked to, cancels the running ones and waits for them', async () => {
    const count = new CountJob();
    const { runner } = runnerWith({ count });
    const job = runner.start({ kind: 'count', args: { items: 5 } });
    await count.whenWaiting();
    await runner.close({ cancel: true });
    expect(runner.get(job.id)!.state).toBe('cancelled');
    expect(() => runner.start({ kind: 'count', args: { items: 1 } })).toThrow(/closing/);
  });

  it('on close without cancel waits for running jobs to finish', async () => {
    const count = new CountJob();
    const { runner } = runnerWith({ count });
    const job = runner.start({ kind: 'count', args: { items: 1 } });
    let closed = false;
    const closing = runner.close({ cancel: false }).then(() => (closed = true));
    await count.whenWaiting();
    expect(closed).toBe(false);
    count.allow(1);
    await closing;
    expect(runner.get(job.id)!.state).toBe('succeeded');
  });

  it('throttles progress events per job: the first at once, then at most one per interval carrying the latest', async () => {
    vi.useFakeTimers();
    let report!: (n: number) => void;
    let finish!: () => void;
    const runner = new JobRunner({
      throttleMs: 150,
      log: quiet,
      handlers: {
        manual: (_args, ctx) => {
          report = (n) => ctx.progress({ itemsDone: n });
          return new Promise((r) => (finish = () => r({ summary: 'done', problems: [] })));
        },
      },
    });
    const progress: number[] = [];
    const finished: number[] = [];
    runner.subscribe((e) => (e.type === 'progress' ? progress.push(e.job.progress.itemsDone) : e.type === 'finished' && finished.push(e.job.progress.itemsDone)));
    const job = runner.start({ kind: 'manual', args: null });
    report(1);
    expect(progress).toEqual([1]);
    for (let n = 2; n <= 5; n++) report(n);
    expect(progress).toEqual([1]);
    await vi.advanceTimersByTimeAsync(149);
    expect(progress).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(progress).toEqual([1, 5]);
    report(6);
    report(7);
    finish();
    await job.done;
    await vi.advanceTimersByTimeAsync(1000);
    expect(progress).toEqual([1, 5]); // the pending event was folded into the finished one
    expect(finished).toEqual([7]);
  });

  it('keeps a failing event listener from breaking the job or other listeners', async () => {
    const { runner, events } = runnerWith({ count: new CountJob(true) });
    runner.subscribe(() => {
      throw new Error('listener bug');
    });
    const ended = await runner.start({ kind: 'count', args: { items: 1 } }).done;
    expect(ended.state).toBe('succeeded');
    expect(events.at(-1)!.type).toBe('finished');
  });
});
