import { describe, expect, it } from 'vitest';
import { modelFilesClient } from '../../../../../renderer/components/logged-models/model-files-client';
import { fakeClient, flush } from '../../state/run-fake-client';

describe('model files client', () => {
  it('serves artifacts.list and artifacts.read from the logged model and passes other calls through', async () => {
    const { api, calls } = fakeClient({
      'loggedModels.artifacts.list': () => [{ path: 'MLmodel', is_dir: false }],
      'loggedModels.artifacts.read': () => ({ path: 'MLmodel', size: 1, offset: 0, truncated: false, base64: 'eA==' }),
      'models.list': () => [],
    });
    const files = modelFilesClient(api, 'm-1');
    expect(await files.call('artifacts.list', { runId: 'ignored', path: 'sub' })).toEqual([{ path: 'MLmodel', is_dir: false }]);
    await files.call('artifacts.list', { runId: 'ignored' });
    await files.call('artifacts.read', { runId: 'ignored', path: 'MLmodel', maxBytes: 10, offset: 4 });
    await files.call('models.list', {});
    expect(calls).toEqual([
      { method: 'loggedModels.artifacts.list', input: { modelId: 'm-1', path: 'sub' } },
      { method: 'loggedModels.artifacts.list', input: { modelId: 'm-1' } },
      { method: 'loggedModels.artifacts.read', input: { modelId: 'm-1', path: 'MLmodel', maxBytes: 10, offset: 4 } },
      { method: 'models.list', input: {} },
    ]);
  });

  it('does not follow runs.changed (a run says nothing about a model\'s files) but follows other events', async () => {
    const { api, emit } = fakeClient({});
    const files = modelFilesClient(api, 'm-1');
    const seen: string[] = [];
    files.on('runs.changed', () => seen.push('runs'));
    files.on('registry.changed', () => seen.push('registry'));
    emit({ event: 'runs.changed', payload: { experimentIds: ['1'], runIds: ['m-1'] } });
    emit({ event: 'registry.changed', payload: { names: [] } });
    await flush();
    expect(seen).toEqual(['registry']);
  });
});
