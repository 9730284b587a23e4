import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../../shared/domain/tracking';
import { ApiError } from '../../../../renderer/api/client';
import { createExperimentHeaderStore, NOTE_TAG } from '../../../../renderer/state/runs-experiment-store';
import { fakeClient, flush } from './runs-fake-client';

const exp = (tags: Experiment['tags'] = []): Experiment => ({ experiment_id: 'e1', name: 'demo', artifact_location: '/a', lifecycle_stage: 'active', creation_time: 0, last_update_time: 0, tags });

describe('experiment header store', () => {
  it('loads the experiment and reloads when main says it changed', async () => {
    const fake = fakeClient((() => exp()) as never);
    const store = createExperimentHeaderStore(fake.client, 'e1');
    const stop = store.getState().connect();
    await flush();
    expect(store.getState().experiment?.name).toBe('demo');
    fake.emit('experiments.changed', { ids: ['other'] });
    fake.emit('experiments.changed', { ids: ['e1'] });
    await flush();
    expect(fake.callsTo('experiments.get')).toHaveLength(2);
    stop();
    expect(fake.listenerCount('experiments.changed')).toBe(0);
  });

  it('keeps the description in mlflow.note.content, deleting the tag when emptied', async () => {
    const fake = fakeClient(((method: string) => (method === 'experiments.deleteTag' ? exp() : exp([{ key: NOTE_TAG, value: '# hi' }]))) as never);
    const store = createExperimentHeaderStore(fake.client, 'e1');
    expect(await store.getState().setDescription('# hi')).toBe(true);
    expect(fake.callsTo('experiments.setTag')).toEqual([{ id: 'e1', key: NOTE_TAG, value: '# hi' }]);
    expect(await store.getState().setDescription('  ')).toBe(true);
    expect(fake.callsTo('experiments.deleteTag')).toEqual([{ id: 'e1', key: NOTE_TAG }]);
    expect(await store.getState().setDescription('')).toBe(true); // nothing to delete any more
    expect(fake.callsTo('experiments.deleteTag')).toHaveLength(1);
  });

  it('renames and edits tags, keeping a refusal as an error', async () => {
    const fake = fakeClient(((method: string, input: { name?: string }) => {
      if (input.name === 'taken') throw new Error('already exists');
      return exp();
    }) as never);
    const store = createExperimentHeaderStore(fake.client, 'e1');
    expect(await store.getState().rename('new name')).toBe(true);
    expect(fake.callsTo('experiments.rename')).toEqual([{ id: 'e1', name: 'new name' }]);
    expect(await store.getState().rename('taken')).toBe(false);
    expect(store.getState().error).toBe('already exists');
    await store.getState().setTag('team', 'x');
    await store.getState().deleteTag('team');
    expect(fake.calls.map((c) => c.method)).toEqual(['experiments.rename', 'experiments.rename', 'experiments.setTag', 'experiments.deleteTag']);
  });

  it('restores a deleted experiment and shows it active', async () => {
    const fake = fakeClient((() => exp()) as never);
    const store = createExperimentHeaderStore(fake.client, 'e1');
    expect(await store.getState().restore()).toBe(true);
    expect(fake.callsTo('experiments.restore')).toEqual([{ id: 'e1' }]);
    expect(store.getState().experiment?.lifecycle_stage).toBe('active');
  });

  it('tells a missing experiment from one that failed to load', async () => {
    let failure: Error = new ApiError('not_found', "No Experiment with id=99 exists");
    const fake = fakeClient((() => { throw failure; }) as never);
    const store = createExperimentHeaderStore(fake.client, '99');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ missing: true, experiment: null });
    failure = new ApiError('internal', 'disk full');
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ missing: false, error: 'disk full' });
  });
});
