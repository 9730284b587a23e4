import { describe, expect, it } from 'vitest';
import type { LoggedModel } from '../../../../shared/domain/tracking';
import { createLoggedModelListStore } from '../../../../renderer/state/logged-model-list-store';
import { makeVersion } from '../components/registry/fixtures';
import { fakeClient, flush } from './run-fake-client';

const model = (id: string, created: number, sourceRunId?: string): LoggedModel => ({
  info: { model_id: id, experiment_id: '1', name: id, creation_timestamp_ms: created, last_updated_timestamp_ms: created, artifact_uri: '', status: 'LOGGED_MODEL_READY', ...(sourceRunId ? { source_run_id: sourceRunId } : {}) },
  data: {},
});

describe('logged model list store', () => {
  it('lists the experiment\'s models newest first with their source runs\' names and registered versions', async () => {
    const { api, calls } = fakeClient({
      'loggedModels.list': () => [model('m-old', 1, 'r1'), model('m-new', 5, 'r1'), model('m-orphan', 3)],
      'loggedModels.versions': () => ({ 'm-old': [makeVersion('1')], 'm-new': [], 'm-orphan': [] }),
      'runs.refs': () => ({ r1: { runId: 'r1', name: 'train', experimentId: '1', deleted: false } }),
    });
    const store = createLoggedModelListStore(api, '1');
    await store.getState().refresh();
    const s = store.getState();
    expect(s.models?.map((m) => m.info.model_id)).toEqual(['m-new', 'm-orphan', 'm-old']);
    expect(s.runs.r1?.name).toBe('train');
    expect(s.versions['m-old']?.map((v) => v.version)).toEqual(['1']);
    expect(calls.find((c) => c.method === 'runs.refs')?.input).toEqual({ runIds: ['r1'] });
  });

  it('asks for no versions or runs when the experiment has no models, and re-reads on its runs changing', async () => {
    const { api, calls, emit } = fakeClient({ 'loggedModels.list': () => [] });
    const store = createLoggedModelListStore(api, '1');
    const stop = store.getState().watch();
    await flush();
    expect(store.getState().models).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(['loggedModels.list']);
    emit({ event: 'runs.changed', payload: { experimentIds: ['2'], runIds: [] } });
    emit({ event: 'runs.changed', payload: { experimentIds: ['1'], runIds: [] } });
    await flush();
    expect(calls.length).toBe(2);
    stop();
  });
});
