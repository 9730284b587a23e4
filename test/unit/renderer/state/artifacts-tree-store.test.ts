import { describe, expect, it } from 'vitest';
import type { FileInfo } from '../../../../shared/domain/tracking';
import { createArtifactTreeStore } from '../../../../renderer/state/artifacts-tree-store';
import { fakeClient, flush } from './run-fake-client';

const file = (path: string, size = 10): FileInfo => ({ path, is_dir: false, file_size: size });
const dir = (path: string): FileInfo => ({ path, is_dir: true });

function setup(listing: Record<string, FileInfo[]>) {
  return fakeClient({
    'artifacts.list': ({ path }: { path?: string }) => {
      const files = listing[path ?? ''];
      if (!files) throw new Error(`No such folder '${path}'`);
      return files;
    },
  });
}

describe('artifact tree store', () => {
  it('lists the root on watch, folders first, then by name', async () => {
    const { api } = setup({ '': [file('z.txt'), dir('model'), file('a.png'), dir('b')] });
    const store = createArtifactTreeStore(api, 'r1');
    store.getState().watch();
    await flush();
    expect(store.getState().entries['']?.map((f) => f.path)).toEqual(['b', 'model', 'a.png', 'z.txt']);
  });

  it('lists a folder only when first expanded', async () => {
    const { api, calls } = setup({ '': [dir('model')], model: [file('model/MLmodel'), file('model/model.pkl')] });
    const store = createArtifactTreeStore(api, 'r1');
    await store.getState().list('');
    expect(calls).toHaveLength(1);
    await store.getState().toggle('model');
    expect(store.getState().expanded.model).toBe(true);
    expect(store.getState().entries.model?.map((f) => f.path)).toEqual(['model/MLmodel', 'model/model.pkl']);
    expect(calls.at(-1)?.input).toEqual({ runId: 'r1', path: 'model' });
    await store.getState().toggle('model');
    await store.getState().toggle('model');
    expect(calls).toHaveLength(2);
  });

  it('records a failed listing per folder and clears it on success', async () => {
    const listing: Record<string, FileInfo[]> = { '': [dir('gone')] };
    const { api } = setup(listing);
    const store = createArtifactTreeStore(api, 'r1');
    await store.getState().toggle('gone');
    expect(store.getState().errors.gone).toBe("No such folder 'gone'");
    expect(store.getState().loading.gone).toBeUndefined();
    listing.gone = [file('gone/x.txt')];
    await store.getState().list('gone');
    expect(store.getState().errors.gone).toBeUndefined();
  });

  it('re-lists loaded folders when the run changes, keeping state when nothing moved', async () => {
    const listing: Record<string, FileInfo[]> = { '': [file('a.txt')] };
    const { api, emit } = setup(listing);
    const store = createArtifactTreeStore(api, 'r1');
    store.getState().watch();
    await flush();
    const before = store.getState().entries;
    emit({ event: 'runs.changed', payload: { experimentIds: ['1'], runIds: ['r1'] } });
    await flush();
    expect(store.getState().entries).toBe(before);
    listing[''] = [file('a.txt'), file('b.txt')];
    emit({ event: 'runs.changed', payload: { experimentIds: ['1'], runIds: ['other'] } });
    await flush();
    expect(store.getState().entries['']).toHaveLength(1);
    emit({ event: 'runs.changed', payload: { experimentIds: ['1'], runIds: ['r1'] } });
    await flush();
    expect(store.getState().entries['']?.map((f) => f.path)).toEqual(['a.txt', 'b.txt']);
  });
});
