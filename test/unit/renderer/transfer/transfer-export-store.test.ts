import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../../shared/ipc/sync-types';
import { createJobsStore } from '../../../../renderer/state/jobs-store';
import { createExportStore } from '../../../../renderer/state/transfer-export-store';
import { fakeClient, flush } from '../state/run-fake-client';

const job = (over: Partial<JobView>): JobView => ({ id: 'e1', kind: 'export', title: 'Export mnist to b.sxb', state: 'running', startedAt: 0, progress: { itemsDone: 0, bytesDone: 0 }, lines: [], ...over });

describe('export dialog state', () => {
  it('exports the chosen experiments and models, forgets the passphrase once started, and ends with the report', async () => {
    const starts: unknown[] = [];
    const fake = fakeClient({
      'models.list': () => [{ name: 'clf' }, { name: 'reg' }],
      'transfer.export': (input: unknown) => (starts.push(input), job({})),
      'transfer.result': () => ({ kind: 'export', report: { out: '/usb/b.sxb', bytes: 4096, experiments: 1, runs: 3, metricPoints: 90, artifacts: 2, loggedModels: 0, registeredModels: 1, incremental: false, encrypted: true, lazyFilesLeftOut: 0 } }),
    });
    const jobs = createJobsStore(fake.api);
    const store = createExportStore(fake.api, jobs, { experiments: ['mnist'] });
    await store.getState().loadModels();
    expect(store.getState().modelNames).toEqual(['clf', 'reg']);
    store.getState().update({ models: ['clf'], encrypt: true, passphrase: 'long enough', confirm: 'long enough', out: '/usb/b.sxb' });
    const running = store.getState().run();
    await flush();
    expect(store.getState()).toMatchObject({ step: 'exporting', jobId: 'e1', form: { passphrase: '', confirm: '' } });
    fake.emit({ event: 'jobs.changed', payload: { job: job({ state: 'succeeded', outcome: { summary: 'wrote b.sxb', problems: [] } }) } });
    await running;
    expect(starts).toEqual([{ out: '/usb/b.sxb', experiments: ['mnist'], models: ['clf'], passphrase: 'long enough' }]);
    expect(store.getState()).toMatchObject({ step: 'done', ended: { state: 'succeeded' }, result: { runs: 3, encrypted: true } });
  });

  it('shows a refused start (a file that exists) and stays on the form; an invalid form asks nothing', async () => {
    const fake = fakeClient({
      'transfer.export': () => {
        throw new Error('/usb/b.sxb already exists; Sextant does not overwrite files: choose a new file name.');
      },
    });
    const store = createExportStore(fake.api, createJobsStore(fake.api));
    await store.getState().run();
    expect(store.getState().error).toBe('Choose at least one experiment or registered model.');
    expect(fake.calls.filter((c) => c.method === 'transfer.export')).toEqual([]);
    store.getState().update({ experiments: ['mnist'], out: '/usb/b.sxb' });
    await store.getState().run();
    expect(store.getState()).toMatchObject({ step: 'form', error: expect.stringMatching(/already exists/) });
  });
});
