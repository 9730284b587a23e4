import { describe, expect, it } from 'vitest';
import { createLaunchesStore } from '../../../../renderer/state/project-launch-store';
import { fakeProjectsPort, job } from './project-fake-port';

describe('project launches (live output on the run page)', () => {
  it('streams output into the run’s log, follows its job to the end and cancels it by job', async () => {
    const fake = fakeProjectsPort();
    const store = createLaunchesStore(fake.port);
    const started = await store.getState().launch({ uri: '/p', entryPoint: 'main', params: {} });
    expect(started.runId).toBe('run-1');
    fake.output({ jobId: 'job-1', runId: 'run-1', text: 'epoch 1\nepo' });
    fake.output({ jobId: 'job-1', runId: 'run-1', text: 'ch 2\n' });
    expect(store.getState().launches['run-1']!.log.lines).toEqual(['epoch 1', 'epoch 2']);
    await store.getState().cancel('run-1');
    expect(fake.cancels).toEqual(['job-1']);
    fake.jobChanged(job({ state: 'cancelled', outcome: { summary: 'cancelled', problems: [] } }));
    expect(store.getState().launches['run-1']).toMatchObject({ state: 'cancelled', summary: 'cancelled', experimentId: '3' });
    fake.jobChanged(job({ state: 'running' }));
    expect(store.getState().launches['run-1']!.state).toBe('cancelled');
  });

  it('keeps an end that arrived before the answer to the start, and output of runs it did not start', async () => {
    const fake = fakeProjectsPort({
      run: async () => {
        fake.output({ jobId: 'job-1', runId: 'run-1', text: 'Traceback\n' });
        fake.jobChanged(job({ state: 'failed', outcome: { summary: 'run r of p: FAILED', problems: [{ item: 'run-1', message: 'the command failed (exit code 1)' }] } }));
        return { job: job(), runId: 'run-1', experimentId: '3' };
      },
    });
    const store = createLaunchesStore(fake.port);
    await store.getState().launch({ uri: '/p', entryPoint: 'main', params: {} });
    // the job event came before the launch knew the job id: the output had told it
    expect(store.getState().launches['run-1']).toMatchObject({ state: 'failed', summary: 'the command failed (exit code 1)', jobId: 'job-1' });
    fake.output({ jobId: 'job-9', runId: 'run-9', text: 'from the CLI\n' });
    expect(store.getState().launches['run-9']).toMatchObject({ jobId: 'job-9', state: 'running' });
  });

  it('lets a refused start through to the caller', async () => {
    const fake = fakeProjectsPort({ run: async () => Promise.reject(new Error('conda is not available on this machine')) });
    const store = createLaunchesStore(fake.port);
    await expect(store.getState().launch({ uri: '/p', entryPoint: 'main', params: {} })).rejects.toThrow('conda is not available');
    expect(store.getState().launches).toEqual({});
  });

  it('shows only what streamed as output events (the job’s latest lines are not merged in)', async () => {
    const fake = fakeProjectsPort({ run: async () => ({ job: job({ lines: ['[sextant] creating the run'] }), runId: 'run-1', experimentId: '3' }) });
    const store = createLaunchesStore(fake.port);
    await store.getState().launch({ uri: '/p', entryPoint: 'main', params: {} });
    expect(store.getState().launches['run-1']).toMatchObject({ streamed: false, log: { lines: [] } });
    fake.jobChanged(job({ lines: ['[sextant] creating the run', 'step 0'] }));
    expect(store.getState().launches['run-1']!.log.lines).toEqual([]);
    fake.output({ jobId: 'job-1', runId: 'run-1', text: 'step 1\n' });
    fake.jobChanged(job({ state: 'succeeded', lines: ['x'] }));
    expect(store.getState().launches['run-1']).toMatchObject({ streamed: true, state: 'succeeded', log: { lines: ['step 1'] } });
  });
});
