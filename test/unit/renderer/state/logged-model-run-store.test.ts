import { describe, expect, it } from 'vitest';
import type { FileInfo, LoggedModel, Run } from '../../../../shared/domain/tracking';
import { createRunModelsStore } from '../../../../renderer/state/logged-model-run-store';
import { makeVersion } from '../components/registry/fixtures';
import { fakeClient, flush } from './run-fake-client';

const run = (outputs: string[], inputs: string[] = []): Run => ({
  info: { run_id: 'r1', run_uuid: 'r1', run_name: 'train', experiment_id: '7', user_id: '', status: 'FINISHED', start_time: 1, artifact_uri: '', lifecycle_stage: 'active' },
  data: {},
  inputs: inputs.length ? { model_inputs: inputs.map((model_id) => ({ model_id })) } : {},
  outputs: outputs.length ? { model_outputs: outputs.map((model_id) => ({ model_id, step: 0 })) } : {},
});
const logged = (id: string, name: string): LoggedModel => ({
  info: { model_id: id, experiment_id: '7', name, creation_timestamp_ms: 1, last_updated_timestamp_ms: 1, artifact_uri: '', status: 'LOGGED_MODEL_READY', source_run_id: 'r1' },
  data: {},
});

describe('run models store', () => {
  it('names the run\'s logged models and finds the versions made from them; a run with a model can register without a folder search', async () => {
    const { api, calls } = fakeClient({
      'loggedModels.list': () => [logged('m-1', 'clf')],
      'loggedModels.versions': () => ({ 'm-1': [makeVersion('2')], 'm-in': [] }),
    });
    const store = createRunModelsStore(api);
    await store.getState().load(run(['m-1'], ['m-in']));
    const s = store.getState();
    expect(s.models['m-1']?.info.name).toBe('clf');
    expect(s.versions['m-1']?.map((v) => v.version)).toEqual(['2']);
    expect(s.registrable).toBe(true);
    expect(calls.map((c) => c.method).sort()).toEqual(['loggedModels.list', 'loggedModels.versions']);
    expect(calls.find((c) => c.method === 'loggedModels.versions')?.input).toEqual({ modelIds: ['m-1', 'm-in'] });
  });

  it('a run without a logged model can register only when an artifact folder holds an MLmodel file', async () => {
    const tree: Record<string, FileInfo[]> = { '': [{ path: 'plots', is_dir: true }], plots: [{ path: 'plots/a.png', is_dir: false }] };
    const { api } = fakeClient({ 'artifacts.list': ({ path }: { path?: string }) => tree[path ?? ''] ?? [] });
    const store = createRunModelsStore(api);
    await store.getState().load(run([]));
    expect(store.getState().registrable).toBe(false);
    tree.plots!.push({ path: 'plots/model', is_dir: true });
    tree['plots/model'] = [{ path: 'plots/model/MLmodel', is_dir: false }];
    await store.getState().load(run([]));
    expect(store.getState().registrable).toBe(true);
  });

  it('re-reads the current run on registry changes', async () => {
    let versions = 0;
    const { api, emit } = fakeClient({ 'loggedModels.list': () => [], 'loggedModels.versions': () => ({ 'm-1': Array.from({ length: ++versions }, (_, i) => makeVersion(String(i + 1))) }) });
    const store = createRunModelsStore(api);
    await store.getState().load(run(['m-1']));
    const stop = store.getState().follow(() => run(['m-1']));
    emit({ event: 'registry.changed', payload: { names: ['x'] } });
    await flush();
    expect(store.getState().versions['m-1']?.length).toBe(2);
    stop();
  });
});
