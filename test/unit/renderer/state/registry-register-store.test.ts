import { describe, expect, it } from 'vitest';
import type { LoggedModel } from '../../../../shared/domain/tracking';
import { createRegisterStore } from '../../../../renderer/state/registry-register-store';
import { makeVersion } from '../components/registry/fixtures';
import { fakeClient } from './run-fake-client';

const logged = (id: string, runId: string): LoggedModel => ({
  info: { model_id: id, experiment_id: '1', name: 'model', creation_timestamp_ms: 1, last_updated_timestamp_ms: 1, artifact_uri: '', status: 'LOGGED_MODEL_READY', source_run_id: runId },
  data: {},
});

function client(opts: { artifactsFail?: boolean } = {}) {
  return fakeClient({
    'artifacts.list': ({ path }: { path?: string }) => {
      if (opts.artifactsFail) throw new Error('artifact store unreachable');
      return path === 'model' ? [{ path: 'model/MLmodel', is_dir: false }] : path ? [] : [{ path: 'model', is_dir: true }, { path: 'plots', is_dir: true }];
    },
    'loggedModels.list': () => [logged('m-aaa', 'r1'), logged('m-other', 'r2')],
    'models.list': () => [{ name: 'churn', creation_timestamp: 1, last_updated_timestamp: 1 }],
    'versions.register': ({ name }: { name: string }) => makeVersion('4', 'None', { name }),
  });
}

describe('register store', () => {
  it('offers the run’s logged models, its model folders and the existing model names', async () => {
    const { api, calls } = client();
    const store = createRegisterStore(api, 'r1', '1');
    await store.getState().load();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.loggedModels.map((m) => m.info.model_id)).toEqual(['m-aaa']);
    expect(s.folders).toEqual(['model']);
    expect(s.modelNames).toEqual(['churn']);
    expect(calls.find((c) => c.method === 'loggedModels.list')?.input).toEqual({ experimentIds: ['1'], runId: 'r1' });
  });

  it('still offers logged models when the artifacts cannot be listed', async () => {
    const { api } = client({ artifactsFail: true });
    const store = createRegisterStore(api, 'r1', '1');
    await store.getState().load();
    expect(store.getState()).toMatchObject({ folders: [], errors: ['artifact store unreachable'] });
    expect(store.getState().loggedModels).toHaveLength(1);
  });

  it('registers a logged model as models:/<id> with its id, and a folder as runs:/<run>/<path>', async () => {
    const { api, calls } = client();
    const store = createRegisterStore(api, 'r1', '1');
    const v = await store.getState().register('churn', { kind: 'logged', modelId: 'm-aaa' });
    expect(v).toMatchObject({ name: 'churn', version: '4' });
    await store.getState().register('fraud', { kind: 'folder', path: 'model' }, 'from the notebook');
    expect(calls.filter((c) => c.method === 'versions.register').map((c) => c.input)).toEqual([
      { name: 'churn', source: 'models:/m-aaa', runId: 'r1', modelId: 'm-aaa' },
      { name: 'fraud', source: 'runs:/r1/model', runId: 'r1', description: 'from the notebook' },
    ]);
  });
});
