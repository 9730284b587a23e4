import { describe, expect, it } from 'vitest';
import type { RegisteredModel } from '../../../../shared/domain/registry';
import type { Run } from '../../../../shared/domain/tracking';
import type { VersionDetails } from '../../../../shared/ipc/contract-types';
import { createVersionStore } from '../../../../renderer/state/registry-version-store';
import { makeVersion, SKLEARN_COLUMNS_MLMODEL } from '../components/registry/fixtures';
import { fakeClient, flush } from './run-fake-client';

const model: RegisteredModel = { name: 'churn', creation_timestamp: 1, last_updated_timestamp: 1, aliases: [{ alias: 'champion', version: '2' }] };
const details = (description = ''): VersionDetails => ({
  version: makeVersion('2', 'Staging', { description, aliases: ['champion'] }),
  downloadUri: 'mlflow-artifacts:/1/models/m-2/artifacts',
  mlmodel: SKLEARN_COLUMNS_MLMODEL,
});
const run = { info: { run_id: 'run2', run_name: 'bold-owl-7' } } as Run;

describe('version store', () => {
  it('loads the version, the model’s aliases and versions, and the source run’s name', async () => {
    const { api } = fakeClient({
      'versions.get': () => details(),
      'models.get': () => ({ model, versions: [makeVersion('1'), makeVersion('2', 'Staging')] }),
      'runs.get': () => run,
    });
    const store = createVersionStore(api, 'churn', '2');
    await store.getState().refresh();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.details?.mlmodel).toContain('sklearn');
    expect(s.model?.aliases).toEqual([{ alias: 'champion', version: '2' }]);
    expect(s.siblings.map((v) => v.version)).toEqual(['2', '1']);
    expect(s.runName).toBe('bold-owl-7');
  });

  it('still shows the version when its run cannot be read', async () => {
    const { api } = fakeClient({
      'versions.get': () => details(),
      'models.get': () => ({ model, versions: [] }),
      'runs.get': () => { throw new Error('Run not found'); },
    });
    const store = createVersionStore(api, 'churn', '2');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'ready', runName: null, error: null });
  });

  it('sets an alias on this version and transitions this version', async () => {
    const { api, calls } = fakeClient({
      'versions.get': () => details(),
      'models.get': () => ({ model, versions: [] }),
      'runs.get': () => run,
      'models.setAlias': () => model,
      'versions.transition': () => makeVersion('2', 'Production'),
    });
    const store = createVersionStore(api, 'churn', '2');
    await store.getState().setAlias('challenger');
    await store.getState().transition('Production', false);
    expect(calls.filter((c) => c.method === 'models.setAlias' || c.method === 'versions.transition').map((c) => c.input)).toEqual([
      { name: 'churn', alias: 'challenger', version: '2' },
      { name: 'churn', version: '2', stage: 'Production', archiveExisting: false },
    ]);
  });

  it('re-reads live when main says this model changed', async () => {
    let description = 'first';
    const { api, emit } = fakeClient({
      'versions.get': () => details(description),
      'models.get': () => ({ model, versions: [] }),
      'runs.get': () => run,
    });
    const store = createVersionStore(api, 'churn', '2');
    store.getState().watch();
    await flush();
    description = 'second';
    emit({ event: 'registry.changed', payload: { names: ['other'] } });
    await flush();
    expect(store.getState().details?.version.description).toBe('first');
    emit({ event: 'registry.changed', payload: { names: ['churn'] } });
    await flush();
    expect(store.getState().details?.version.description).toBe('second');
  });

  it('reports a missing version as an error', async () => {
    const { api } = fakeClient({
      'versions.get': () => { throw new Error('Model Version (name=churn, version=9) not found'); },
      'models.get': () => ({ model, versions: [] }),
    });
    const store = createVersionStore(api, 'churn', '9');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'error', details: null });
  });
});
