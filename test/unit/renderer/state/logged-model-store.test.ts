import { describe, expect, it } from 'vitest';
import type { LoggedModel } from '../../../../shared/domain/tracking';
import type { LoggedModelDetails } from '../../../../shared/ipc/contract-types';
import { createLoggedModelStore } from '../../../../renderer/state/logged-model-store';
import { makeVersion } from '../components/registry/fixtures';
import { fakeClient, flush } from './run-fake-client';

const model: LoggedModel = {
  info: { model_id: 'm-1', experiment_id: '3', name: 'clf', creation_timestamp_ms: 1, last_updated_timestamp_ms: 1, artifact_uri: 'mlflow-artifacts:/3/models/m-1/artifacts', status: 'LOGGED_MODEL_READY', source_run_id: 'run1' },
  data: {},
};
const details = (versions = [makeVersion('1')]): LoggedModelDetails => ({ model, mlmodel: null, sourceRun: { runId: 'run1', name: 'train', experimentId: '3', deleted: false }, usedBy: [], versions });

describe('logged model store', () => {
  it('loads the model and registers it as a version with its source run, then re-reads', async () => {
    let versions = [makeVersion('1')];
    const { api, calls } = fakeClient({
      'loggedModels.get': () => details(versions),
      'versions.register': () => ((versions = [makeVersion('2'), ...versions]), versions[0]),
    });
    const store = createLoggedModelStore(api, 'm-1');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'ready', error: null });
    const v = await store.getState().register('churn');
    expect(v.version).toBe('2');
    expect(calls.find((c) => c.method === 'versions.register')?.input).toEqual({ name: 'churn', source: 'models:/m-1', modelId: 'm-1', runId: 'run1' });
    expect(store.getState().details?.versions.map((x) => x.version)).toEqual(['2', '1']);
  });

  it('says a model is missing rather than failing', async () => {
    const { api } = fakeClient({ 'loggedModels.get': () => { throw new Error("Logged model with ID 'm-x' not found."); } });
    const store = createLoggedModelStore(api, 'm-x');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'missing', details: null });
  });

  it('re-reads on registry changes and on runs of its experiment, not of others', async () => {
    const { api, calls, emit } = fakeClient({ 'loggedModels.get': () => details() });
    const store = createLoggedModelStore(api, 'm-1');
    const stop = store.getState().watch();
    await flush();
    const reads = () => calls.filter((c) => c.method === 'loggedModels.get').length;
    expect(reads()).toBe(1);
    emit({ event: 'runs.changed', payload: { experimentIds: ['9'], runIds: ['x'] } });
    await flush();
    expect(reads()).toBe(1);
    emit({ event: 'runs.changed', payload: { experimentIds: ['3'], runIds: ['x'] } });
    await flush();
    expect(reads()).toBe(2);
    emit({ event: 'registry.changed', payload: { names: ['churn'] } });
    await flush();
    expect(reads()).toBe(3);
    stop();
    emit({ event: 'registry.changed', payload: { names: ['churn'] } });
    await flush();
    expect(reads()).toBe(3);
  });
});
