import { describe, expect, it } from 'vitest';
import type { ModelVersion, RegisteredModel } from '../../../../shared/domain/registry';
import { createModelStore } from '../../../../renderer/state/registry-model-store';
import { makeVersion } from '../components/registry/fixtures';
import { fakeClient, flush } from './run-fake-client';

function registry() {
  let model: RegisteredModel = { name: 'churn', creation_timestamp: 1, last_updated_timestamp: 1, aliases: [] };
  let versions: ModelVersion[] = [makeVersion('1', 'Production'), makeVersion('3'), makeVersion('2', 'Staging')];
  let reads = 0;
  const client = fakeClient({
    'models.get': ({ name }: { name: string }) => {
      reads++;
      if (name !== model.name) throw new Error(`Registered Model with name=${name} not found`);
      return { model, versions };
    },
    'versions.transition': ({ version, stage, archiveExisting }: { version: string; stage: ModelVersion['current_stage']; archiveExisting: boolean }) => {
      versions = versions.map((v) => (v.version === version ? { ...v, current_stage: stage } : archiveExisting && v.current_stage === stage ? { ...v, current_stage: 'Archived' } : v));
      return versions.find((v) => v.version === version);
    },
    'models.setAlias': ({ alias, version }: { alias: string; version: string }) => {
      model = { ...model, aliases: [...(model.aliases ?? []).filter((a) => a.alias !== alias), { alias, version }] };
      return model;
    },
    'models.rename': ({ newName }: { newName: string }) => (model = { ...model, name: newName }),
    'models.update': ({ description }: { description: string }) => (model = { ...model, description }),
  });
  return { ...client, reads: () => reads };
}

describe('model store', () => {
  it('loads the model with its versions newest first', async () => {
    const { api } = registry();
    const store = createModelStore(api, 'churn');
    await store.getState().refresh();
    expect(store.getState().status).toBe('ready');
    expect(store.getState().versions.map((v) => v.version)).toEqual(['3', '2', '1']);
  });

  it('re-reads on registry.changed naming this model, and only then', async () => {
    const { api, emit, reads } = registry();
    const store = createModelStore(api, 'churn');
    const stop = store.getState().watch();
    await flush();
    expect(reads()).toBe(1);
    emit({ event: 'registry.changed', payload: { names: ['fraud'] } });
    await flush();
    expect(reads()).toBe(1);
    emit({ event: 'registry.changed', payload: { names: ['fraud', 'churn'] } });
    await flush();
    expect(reads()).toBe(2);
    stop();
    emit({ event: 'registry.changed', payload: { names: ['churn'] } });
    await flush();
    expect(reads()).toBe(2);
  });

  it('moves a version to Production, archiving the one there when asked, and shows both changes', async () => {
    const { api, calls } = registry();
    const store = createModelStore(api, 'churn');
    await store.getState().refresh();
    await store.getState().transition('2', 'Production', true);
    expect(calls.find((c) => c.method === 'versions.transition')?.input).toEqual({ name: 'churn', version: '2', stage: 'Production', archiveExisting: true });
    const stages = Object.fromEntries(store.getState().versions.map((v) => [v.version, v.current_stage]));
    expect(stages).toEqual({ '3': 'None', '2': 'Production', '1': 'Archived' });
  });

  it('sets and moves an alias', async () => {
    const { api } = registry();
    const store = createModelStore(api, 'churn');
    await store.getState().setAlias('champion', '1');
    expect(store.getState().model?.aliases).toEqual([{ alias: 'champion', version: '1' }]);
    await store.getState().setAlias('champion', '3');
    expect(store.getState().model?.aliases).toEqual([{ alias: 'champion', version: '3' }]);
  });

  it('updates the description and renames to the name main returns', async () => {
    const { api } = registry();
    const store = createModelStore(api, 'churn');
    await store.getState().setDescription('# Churn\nsee **notes**');
    expect(store.getState().model?.description).toBe('# Churn\nsee **notes**');
    expect(await store.getState().rename('churn-v2')).toBe('churn-v2');
  });

  it('reports a missing model as an error, and keeps a loaded one when a re-read fails', async () => {
    const { api } = registry();
    const missing = createModelStore(api, 'nope');
    await missing.getState().refresh();
    expect(missing.getState()).toMatchObject({ status: 'error', model: null });
    expect(missing.getState().error).toContain('not found');
    const store = createModelStore(api, 'churn');
    await store.getState().refresh();
    await store.getState().rename('other');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'ready', model: { name: 'churn' } });
    expect(store.getState().error).toContain('not found');
  });
});

describe('model store source runs', () => {
  it('names the versions\' source runs, asking only for runs it has not named yet', async () => {
    const asked: string[][] = [];
    const { api } = fakeClient({
      'models.get': () => ({ model: { name: 'churn', creation_timestamp: 1, last_updated_timestamp: 1 }, versions: [makeVersion('1'), makeVersion('2', 'None', { run_id: 'run1' }), makeVersion('3', 'None', { run_id: undefined })] }),
      'runs.refs': ({ runIds }: { runIds: string[] }) => {
        asked.push(runIds);
        return { run1: { runId: 'run1', name: 'train-a', experimentId: '1', deleted: false } };
      },
    });
    const store = createModelStore(api, 'churn');
    await store.getState().refresh();
    expect(store.getState().runs.run1?.name).toBe('train-a');
    await store.getState().refresh();
    expect(asked).toEqual([['run1']]);
  });
});
