import { describe, expect, it } from 'vitest';
import type { LoggedModel } from '../../../shared/domain/tracking';
import type { PushedRun } from '../../../electron/store/sync/sync-repo';
import { metricIdentity, planChangesNothing, planLoggedModel, toPulledMetric } from '../../../electron/sync/pull-logged-model-plan';

const base = (over: Partial<PushedRun> = {}): PushedRun => ({ name: null, status: null, endTime: null, lifecycle: null, params: 0, inputs: 0, tags: new Map(), series: new Map(), artifacts: new Map(), ...over });

const model = (over: { status?: string; tags?: Record<string, string>; params?: Record<string, string>; metrics?: LoggedModel['data']['metrics'] } = {}): LoggedModel => ({
  info: {
    model_id: 'm-1', experiment_id: '1', name: 'model', creation_timestamp_ms: 1, last_updated_timestamp_ms: 2, artifact_uri: 'mlflow-artifacts:/1/models/m-1/artifacts',
    status: (over.status ?? 'LOGGED_MODEL_READY') as LoggedModel['info']['status'],
    tags: Object.entries(over.tags ?? {}).map(([key, value]) => ({ key, value })),
  },
  data: { params: Object.entries(over.params ?? {}).map(([key, value]) => ({ key, value })), metrics: over.metrics ?? [] },
});

const point = (value: number | string, step = 0, runId = 'r1') => ({ key: 'rmse', value: value as number, timestamp: 10, step, run_id: runId, model_id: 'm-1' });

describe('planLoggedModel', () => {
  it('a model new here: everything the remote has, its status taken', () => {
    const p = planLoggedModel(base(), undefined, model({ tags: { a: '1' }, params: { lr: '0.1' }, metrics: [point(0.5), point('NaN', 1), point('Infinity', 2)] }));
    expect(p).toMatchObject({ params: [{ key: 'lr', value: '0.1' }], setTags: [{ key: 'a', value: '1' }], status: 'LOGGED_MODEL_READY', remoteParams: 1 });
    expect(p.metrics.map((m) => m.value)).toEqual(['0.5', 'NaN', 'Infinity']);
    expect(p.metrics[0]).toEqual({ key: 'rmse', value: '0.5', timestamp: 10, step: 0, runId: 'r1', datasetName: '', datasetDigest: '' });
  });

  it('a model pulled before and unchanged: nothing to do', () => {
    const remote = model({ tags: { a: '1' }, params: { lr: '0.1' }, metrics: [point(0.5)] });
    const p = planLoggedModel(base({ status: 'LOGGED_MODEL_READY', tags: new Map([['a', '1']]), params: 1 }), remote, remote);
    expect(planChangesNothing(p)).toBe(true);
  });

  it('adds only the points and params the store lacks; a param with another value here is kept and reported', () => {
    const local = model({ params: { lr: '0.2' }, metrics: [point(0.5)] });
    const remote = model({ params: { lr: '0.1', depth: '3' }, metrics: [point(0.5), point(0.25, 1), point(0.25, 1)] });
    const p = planLoggedModel(base({ status: 'LOGGED_MODEL_READY', params: 1 }), local, remote);
    expect(p.params).toEqual([{ key: 'depth', value: '3' }]);
    expect(p.paramClashes).toEqual([{ key: 'lr', local: '0.2', remote: '0.1' }]);
    expect(p.metrics).toHaveLength(1); // the repeated point once
    expect(p.metrics[0]!.step).toBe(1);
  });

  it('status: taken when only the remote changed it, kept and reported when both did', () => {
    const b = base({ status: 'LOGGED_MODEL_PENDING' });
    expect(planLoggedModel(b, model({ status: 'LOGGED_MODEL_PENDING' }), model()).status).toBe('LOGGED_MODEL_READY');
    const both = planLoggedModel(b, model({ status: 'LOGGED_MODEL_UPLOAD_FAILED' }), model());
    expect(both.status).toBeUndefined();
    expect(both.statusClash).toEqual({ local: 'LOGGED_MODEL_UPLOAD_FAILED', remote: 'LOGGED_MODEL_READY' });
  });

  it('tags merge three-way: a local edit kept, a remote edit taken, a remote delete applied', () => {
    const p = planLoggedModel(
      base({ status: 'LOGGED_MODEL_READY', tags: new Map([['mine', '1'], ['theirs', '1'], ['gone', '1']]) }),
      model({ tags: { mine: '2', theirs: '1', gone: '1' } }),
      model({ tags: { mine: '1', theirs: '2' } }),
    );
    expect(p.setTags).toEqual([{ key: 'theirs', value: '2' }]);
    expect(p.delTags).toEqual(['gone']);
    expect(p.tagClashes).toEqual([]);
  });

  it('a point is identified as the store keys it (key, time, step, run, dataset)', () => {
    const a = toPulledMetric({ ...point(1), dataset_name: 'd', dataset_digest: 'x' });
    expect(metricIdentity(a)).not.toBe(metricIdentity(toPulledMetric(point(1))));
    const otherValue = { ...a, value: '2' };
    expect(metricIdentity(a)).toBe(metricIdentity(otherValue)); // the value is not part of it
  });
});
