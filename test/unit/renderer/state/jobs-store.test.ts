import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../../shared/ipc/sync-types';
import { createJobsStore } from '../../../../renderer/state/jobs-store';
import { fakeClient } from './run-fake-client';

const job = (over: Partial<JobView>): JobView => ({ id: 'j1', kind: 'push', title: 'Push to team: x', state: 'running', startedAt: 0, progress: { itemsDone: 0, bytesDone: 0 }, lines: [], ...over });

describe('jobs store (the progress panel)', () => {
  it('follows jobs.changed, keeps rate samples only while running, and keeps a refused start to show', async () => {
    let t = 0;
    const fake = fakeClient({
      'jobs.list': () => [job({ id: 'cli', kind: 'push', title: 'push' })],
      'jobs.start': (input: { kind: string }) => {
        if (input.kind === 'pull') throw new Error('Pull is not available in this version of Sextant yet.');
        return job({});
      },
    });
    const store = createJobsStore(fake.api, () => t);
    await store.getState().refresh();
    expect(await store.getState().start({ kind: 'push', remote: 'team', experiments: ['x'] })).toMatchObject({ id: 'j1' });
    t = 1000;
    fake.emit({ event: 'jobs.changed', payload: { job: job({ progress: { itemsDone: 3, bytesDone: 4096 } }) } });
    expect(store.getState().samples.j1).toHaveLength(2);
    fake.emit({ event: 'jobs.changed', payload: { job: job({ state: 'succeeded', outcome: { summary: 'pushed', problems: [] } }) } });
    expect(store.getState().jobs.map((j) => [j.id, j.state])).toEqual([['cli', 'running'], ['j1', 'succeeded']]);
    expect(store.getState().samples.j1).toBeUndefined();
    expect(await store.getState().start({ kind: 'pull', remote: 'team' })).toBeNull();
    expect(store.getState().startError).toBe('Pull is not available in this version of Sextant yet.');
    store.getState().dismiss('j1');
    expect(store.getState().dismissed.has('j1')).toBe(true);
  });
});

describe('jobs store: a job that ends at once', () => {
  it('keeps its end when the answer to its start (still running) arrives after the end event', async () => {
    const fake = fakeClient({
      'jobs.start': () => {
        // the job ended (and its event arrived) before this answer is read
        fake.emit({ event: 'jobs.changed', payload: { job: job({ state: 'failed', outcome: { summary: 'push to team: the remote cannot be reached', problems: [] } }) } });
        return job({});
      },
    });
    const store = createJobsStore(fake.api);
    await store.getState().start({ kind: 'push', remote: 'team' });
    expect(store.getState().jobs.map((j) => j.state)).toEqual(['failed']);
  });
});
