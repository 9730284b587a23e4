import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../../shared/ipc/sync-types';
import type { ImportReportView, TransferResult } from '../../../../shared/ipc/transfer-types';
import { report } from './report-fixture';
import { createJobsStore } from '../../../../renderer/state/jobs-store';
import { createImportStore } from '../../../../renderer/state/transfer-import-store';
import { fakeClient, flush } from '../state/run-fake-client';

const job = (over: Partial<JobView>): JobView => ({ id: 'j1', kind: 'import', title: 'Preview import of mlruns', state: 'running', startedAt: 0, progress: { itemsDone: 0, bytesDone: 0 }, lines: [], ...over });
/** An import engine behind the fake contract: each start answers running; `end` finishes it by event. */
function world() {
  const starts: Record<string, unknown>[] = [];
  const results = new Map<string, TransferResult | null>();
  let n = 0;
  const fake = fakeClient({
    'transfer.import': (input: Record<string, unknown>) => {
      starts.push(input);
      return job({ id: `j${++n}`, title: input.dryRun ? 'Preview import of mlruns' : 'Import mlruns' });
    },
    'transfer.result': ({ id }: { id: string }) => results.get(id) ?? null,
    'jobs.cancel': ({ id }: { id: string }) => (end(id, 'cancelled', 'import cancelled'), { cancelled: true }),
    'jobs.list': () => [],
  });
  const jobs = createJobsStore(fake.api);
  const end = (id: string, state: JobView['state'], summary: string, result?: ImportReportView) => {
    // a job that fails before reading anything reports nothing; one with problems reports what it did
    if (result) results.set(id, { kind: 'import', report: result });
    const problems = state === 'failed' && !result ? [{ item: 'import', message: summary.replace(/^import (failed|refused): /, '') }] : [];
    fake.emit({ event: 'jobs.changed', payload: { job: job({ id, state, outcome: { summary, problems } }) } });
  };
  return { fake, jobs, starts, end };
}

describe('import dialog state', () => {
  it('previews with a dry run, then imports with the chosen clash handling, and ends with the report', async () => {
    const w = world();
    const store = createImportStore(w.fake.api, w.jobs, 'mlflow');
    store.getState().setSource(' /data/mlruns ');
    const previewing = store.getState().runPreview();
    await flush();
    expect(store.getState()).toMatchObject({ step: 'previewing', jobId: 'j1' });
    w.end('j1', 'succeeded', 'would import 12 runs', report());
    await previewing;
    expect(store.getState()).toMatchObject({ step: 'preview', preview: { counts: { runsNew: 12 }, clashes: [{ name: 'baseline', resolution: 'merged' }] } });
    expect(w.jobs.getState().dismissed.has('j1')).toBe(true); // the dialog shows the preview; the panel need not
    // another clash choice runs the dry run again with it, so the preview says what the import will do
    store.getState().setClash('rename');
    await flush();
    expect(store.getState()).toMatchObject({ step: 'previewing', jobId: 'j2', preview: { clashes: [{ resolution: 'merged' }] } });
    w.end('j2', 'failed', 'would import 12 runs; 1 problem', report({ clashes: [{ kind: 'experiment', name: 'baseline', resolution: 'renamed', localName: 'baseline (imported)' }] }));
    await flush();
    await flush();
    // missing files make the dry run end 'failed', and it is still the preview
    expect(store.getState()).toMatchObject({ step: 'preview', preview: { clashes: [{ localName: 'baseline (imported)' }] } });
    const importing = store.getState().runImport();
    await flush();
    expect(store.getState().step).toBe('importing');
    w.end('j3', 'succeeded', 'imported 12 runs', report({ dryRun: false, experimentIds: ['4', '5'] }));
    await importing;
    expect(w.starts).toEqual([
      { source: '/data/mlruns', dryRun: true, clash: 'merge' },
      { source: '/data/mlruns', dryRun: true, clash: 'rename' },
      { source: '/data/mlruns', dryRun: false, clash: 'rename' },
    ]);
    expect(store.getState()).toMatchObject({ step: 'done', ended: { state: 'succeeded' }, result: { experimentIds: ['4', '5'] } });
  });

  it('asks for a passphrase when the engine says the bundle is encrypted, sends it, and forgets it once the import starts', async () => {
    const w = world();
    const store = createImportStore(w.fake.api, w.jobs, 'bundle');
    store.getState().setSource('/usb/week1.sxb');
    let p = store.getState().runPreview();
    await flush();
    w.end('j1', 'failed', 'import failed: this bundle is encrypted: give its passphrase (--passphrase-env VAR names the environment variable holding it)');
    await p;
    expect(store.getState()).toMatchObject({ step: 'choose', needsPassphrase: true, error: 'This bundle is encrypted: enter the passphrase it was exported with.' });
    await store.getState().runPreview();
    expect(store.getState().error).toBe('Enter the passphrase the bundle was exported with.');
    store.getState().setPassphrase('wrong one');
    p = store.getState().runPreview();
    await flush();
    w.end('j2', 'failed', 'import refused: wrong passphrase for this bundle; nothing was written');
    await p;
    expect(store.getState()).toMatchObject({ step: 'choose', needsPassphrase: true, error: 'Wrong passphrase for this bundle; nothing was written' });
    store.getState().setPassphrase('right one');
    p = store.getState().runPreview();
    await flush();
    w.end('j3', 'succeeded', 'would import', report({ sourceKind: 'bundle', clashes: [] }));
    await p;
    const importing = store.getState().runImport();
    await flush();
    expect(store.getState().passphrase).toBe('');
    w.end('j4', 'succeeded', 'imported', report({ dryRun: false }));
    await importing;
    expect(w.starts.map((s) => s.passphrase)).toEqual([undefined, 'wrong one', 'right one', 'right one']);
  });

  it('refuses a relative path without asking the engine, shows a refused start, and a new source drops the preview', async () => {
    const w = world();
    const store = createImportStore(w.fake.api, w.jobs, 'mlflow');
    store.getState().setSource('mlruns');
    await store.getState().runPreview();
    expect(store.getState().error).toMatch(/^Type the full path of the mlruns folder or mlflow.db file/);
    expect(w.starts).toEqual([]);
    const refusing = fakeClient({ 'transfer.import': () => { throw new Error('Nothing is at /nope: check the path'); } });
    const refused = createImportStore(refusing.api, createJobsStore(refusing.api), 'mlflow');
    refused.getState().setSource('/nope');
    await refused.getState().runPreview();
    expect(refused.getState()).toMatchObject({ step: 'choose', error: 'Nothing is at /nope: check the path' });

    store.getState().setSource('/data/mlruns');
    const p = store.getState().runPreview();
    await flush();
    w.end('j1', 'succeeded', 'would import', report());
    await p;
    store.getState().setSource('/data/other');
    expect(store.getState()).toMatchObject({ step: 'choose', preview: null });
  });

  it('cancels the running job: a cancelled preview goes back to the source; a cancelled import says so', async () => {
    const w = world();
    const store = createImportStore(w.fake.api, w.jobs, 'mlflow');
    store.getState().setSource('/data/mlflow.db');
    let p = store.getState().runPreview();
    await flush();
    await store.getState().cancel();
    await p;
    expect(store.getState()).toMatchObject({ step: 'choose', error: null, jobId: null });
    p = store.getState().runPreview();
    await flush();
    w.end('j2', 'succeeded', 'would import', report());
    await p;
    p = store.getState().runImport();
    await flush();
    await store.getState().cancel();
    await p;
    expect(store.getState()).toMatchObject({ step: 'done', ended: { state: 'cancelled' }, result: null });
  });
});
