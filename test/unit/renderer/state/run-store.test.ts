import { describe, expect, it } from 'vitest';
import type { KeyValue, Run } from '../../../../shared/domain/tracking';
import { createClient } from '../../../../renderer/api/client';
import { createRunStore } from '../../../../renderer/state/run-store';
import { deferred, fakeClient, flush } from './run-fake-client';

function makeRun(id: string, tags: KeyValue[] = [], name = `run-${id}`): Run {
  return {
    info: { run_id: id, run_uuid: id, run_name: name, experiment_id: '7', user_id: 'ada', status: 'RUNNING', start_time: 1000, artifact_uri: `file:///a/${id}/artifacts`, lifecycle_stage: 'active' },
    data: { tags },
    inputs: {},
    outputs: {},
  };
}

describe('run store', () => {
  it('loads the run, its parent name and its children', async () => {
    const runs: Record<string, Run> = { child: makeRun('child', [{ key: 'mlflow.parentRunId', value: 'mom' }]), mom: makeRun('mom', [], 'the parent') };
    const { api, calls } = fakeClient({
      'runs.get': ({ runId }: { runId: string }) => {
        const r = runs[runId];
        if (!r) throw new Error(`Run '${runId}' not found.`);
        return r;
      },
      'runs.search': () => ({ runs: [makeRun('grandchild')] }),
    });
    const store = createRunStore(api, 'child');
    store.getState().watch();
    await flush();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.run?.info.run_id).toBe('child');
    expect(s.parent).toEqual({ runId: 'mom', name: 'the parent' });
    expect(s.children.map((r) => r.info.run_id)).toEqual(['grandchild']);
    expect(calls.find((c) => c.method === 'runs.search')?.input).toMatchObject({ experimentIds: ['7'], filter: "tags.mlflow.parentRunId = 'child'" });
  });

  it('keeps a parent it cannot read as an id without a name', async () => {
    const { api } = fakeClient({
      'runs.get': ({ runId }: { runId: string }) => {
        if (runId === 'gone') throw new Error('not found');
        return makeRun(runId, [{ key: 'mlflow.parentRunId', value: 'gone' }]);
      },
      'runs.search': () => ({ runs: [] }),
    });
    const store = createRunStore(api, 'r1');
    await store.getState().refresh();
    expect(store.getState().parent).toEqual({ runId: 'gone', name: null });
  });

  it('says a run the store does not have is missing (the page explains it), not an error', async () => {
    const { api } = fakeClient({ 'runs.get': () => { throw new Error("Run 'x' not found."); } });
    const store = createRunStore(api, 'x');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'missing', error: null, run: null });
  });

  it('re-reads on runs.changed naming this run, and only then', async () => {
    let n = 0;
    const { api, emit } = fakeClient({ 'runs.get': ({ runId }: { runId: string }) => makeRun(runId, [], `v${++n}`), 'runs.search': () => ({ runs: [] }) });
    const store = createRunStore(api, 'r1');
    const stop = store.getState().watch();
    await flush();
    expect(store.getState().run?.info.run_name).toBe('v1');
    emit({ event: 'runs.changed', payload: { experimentIds: ['9'], runIds: ['other'] } });
    await flush();
    expect(store.getState().run?.info.run_name).toBe('v1');
    emit({ event: 'runs.changed', payload: { experimentIds: ['7'], runIds: ['r1'] } });
    await flush();
    expect(store.getState().run?.info.run_name).toBe('v2');
    stop();
    emit({ event: 'runs.changed', payload: { experimentIds: ['7'], runIds: ['r1'] } });
    await flush();
    expect(store.getState().run?.info.run_name).toBe('v2');
  });

  it('re-reads children when another run of the experiment changes', async () => {
    let kids: Run[] = [];
    const { api, emit } = fakeClient({ 'runs.get': () => makeRun('r1'), 'runs.search': () => ({ runs: kids }) });
    const store = createRunStore(api, 'r1');
    store.getState().watch();
    await flush();
    expect(store.getState().children).toEqual([]);
    kids = [makeRun('k1', [{ key: 'mlflow.parentRunId', value: 'r1' }])];
    emit({ event: 'runs.changed', payload: { experimentIds: ['7'], runIds: ['k1'] } });
    await flush();
    expect(store.getState().children.map((r) => r.info.run_id)).toEqual(['k1']);
  });

  it('coalesces a burst of events into at most one extra read', async () => {
    const gate = deferred<Run>();
    let reads = 0;
    const { api, emit } = fakeClient({ 'runs.get': () => (++reads === 1 ? gate.promise : makeRun('r1')), 'runs.search': () => ({ runs: [] }) });
    const store = createRunStore(api, 'r1');
    store.getState().watch();
    for (let i = 0; i < 10; i++) emit({ event: 'runs.changed', payload: { experimentIds: ['7'], runIds: ['r1'] } });
    gate.resolve(makeRun('r1'));
    await flush();
    await flush();
    expect(reads).toBe(2);
  });

  it('sets and deletes tags through the API and keeps the returned run', async () => {
    const { api, calls } = fakeClient({
      'runs.setTag': ({ key, value }: { key: string; value: string }) => makeRun('r1', [{ key, value }]),
      'runs.deleteTag': () => makeRun('r1', []),
    });
    const store = createRunStore(api, 'r1');
    await store.getState().setTag('team', '<b>ml</b>');
    expect(store.getState().run?.data.tags).toEqual([{ key: 'team', value: '<b>ml</b>' }]);
    await store.getState().deleteTag('team');
    expect(store.getState().run?.data.tags).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(['runs.setTag', 'runs.deleteTag']);
    expect(calls[1]?.input).toEqual({ runId: 'r1', key: 'team' });
  });

  it('does not put an unsafe run id into a search filter', async () => {
    const { api, calls } = fakeClient({ 'runs.get': () => makeRun("x' OR '1'='1"), 'runs.search': () => ({ runs: [] }) });
    const store = createRunStore(api, "x' OR '1'='1");
    await store.getState().refresh();
    expect(calls.some((c) => c.method === 'runs.search')).toBe(false);
  });
});

describe('run store read failures', () => {
  it('reports a failure other than a missing run as an error', async () => {
    const api = createClient({ call: async () => ({ ok: false, error: { code: 'internal', message: 'disk on fire' } }), subscribe: () => () => undefined });
    const store = createRunStore(api, 'x');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'disk on fire', run: null });
  });
});
