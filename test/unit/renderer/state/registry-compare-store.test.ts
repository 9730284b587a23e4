import { describe, expect, it } from 'vitest';
import type { Run } from '../../../../shared/domain/tracking';
import type { VersionDetails } from '../../../../shared/ipc/contract-types';
import { createCompareVersionsStore } from '../../../../renderer/state/registry-compare-store';
import { makeVersion } from '../components/registry/fixtures';
import { fakeClient, flush } from './run-fake-client';

const details = (version: string, runId?: string): VersionDetails => ({
  version: makeVersion(version, 'None', { run_id: runId }),
  downloadUri: '',
  mlmodel: null,
});
const makeRun = (id: string, lr: string) => ({ info: { run_id: id, run_name: id }, data: { params: [{ key: 'lr', value: lr }] } }) as Run;

describe('compare versions store', () => {
  it('loads each version and its source run, in the order asked, keeping failures per column', async () => {
    const { api } = fakeClient({
      'versions.get': ({ version }: { version: string }) => {
        if (version === '9') throw new Error('version 9 not found');
        return details(version, version === '3' ? undefined : `run${version}`);
      },
      'runs.get': ({ runId }: { runId: string }) => makeRun(runId, '0.1'),
    });
    const store = createCompareVersionsStore(api, 'churn', ['2', '1', '3', '9']);
    expect(store.getState().status).toBe('loading');
    await store.getState().refresh();
    const cols = store.getState().columns;
    expect(cols.map((c) => c.version)).toEqual(['2', '1', '3', '9']);
    expect(cols.map((c) => c.run?.info.run_id ?? null)).toEqual(['run2', 'run1', null, null]);
    expect(cols[3]).toMatchObject({ details: null, error: 'version 9 not found' });
  });

  it('re-reads when the model or one of the source runs changes', async () => {
    let lr = '0.1';
    const { api, emit } = fakeClient({
      'versions.get': ({ version }: { version: string }) => details(version, `run${version}`),
      'runs.get': ({ runId }: { runId: string }) => makeRun(runId, lr),
    });
    const store = createCompareVersionsStore(api, 'churn', ['1', '2']);
    const stop = store.getState().watch();
    await flush();
    const lrOf = () => store.getState().columns[0]?.run?.data.params?.[0]?.value;
    lr = '0.2';
    emit({ event: 'runs.changed', payload: { experimentIds: ['1'], runIds: ['unrelated'] } });
    await flush();
    expect(lrOf()).toBe('0.1');
    emit({ event: 'runs.changed', payload: { experimentIds: ['1'], runIds: ['run2'] } });
    await flush();
    expect(lrOf()).toBe('0.2');
    lr = '0.3';
    emit({ event: 'registry.changed', payload: { names: ['churn'] } });
    await flush();
    expect(lrOf()).toBe('0.3');
    stop();
    lr = '0.4';
    emit({ event: 'registry.changed', payload: { names: ['churn'] } });
    await flush();
    expect(lrOf()).toBe('0.3');
  });
});
