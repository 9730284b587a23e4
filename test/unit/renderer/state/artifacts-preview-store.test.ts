import { describe, expect, it } from 'vitest';
import type { ArtifactContent } from '../../../../shared/ipc/contract-types';
import { MAX_READ, PREVIEW_LIMIT } from '../../../../renderer/components/artifacts/limits';
import { createArtifactPreviewStore } from '../../../../renderer/state/artifacts-preview-store';
import { deferred, fakeClient } from './run-fake-client';

const content = (path: string, text: string, size = text.length): ArtifactContent => ({
  path, size, offset: 0, truncated: size > text.length, base64: Buffer.from(text).toString('base64'),
});

type ReadInput = { path: string; maxBytes: number };

describe('artifact preview store', () => {
  it('reads a small file up to the preview limit and picks its viewer from name and content', async () => {
    const { api, calls } = fakeClient({ 'artifacts.read': ({ path }: ReadInput) => content(path, 'print("hi")\n') });
    const store = createArtifactPreviewStore(api, 'r1');
    await store.getState().select('src/train.py', 12);
    expect(calls[0]?.input).toEqual({ runId: 'r1', path: 'src/train.py', maxBytes: PREVIEW_LIMIT });
    const view = store.getState().view;
    expect(view.status).toBe('ready');
    if (view.status !== 'ready') return;
    expect(view.choice).toEqual({ kind: 'code', language: 'python' });
    expect(new TextDecoder().decode(view.bytes!)).toBe('print("hi")\n');
  });

  it('waits for "Load" before reading a file over the limit, then reads all of it', async () => {
    const big = PREVIEW_LIMIT + 1;
    const { api, calls } = fakeClient({ 'artifacts.read': ({ path }: ReadInput) => content(path, 'a,b\n1,2\n', 8) });
    const store = createArtifactPreviewStore(api, 'r1');
    await store.getState().select('big.csv', big);
    expect(store.getState().view).toEqual({ status: 'confirm' });
    expect(calls).toHaveLength(0);
    await store.getState().load(true);
    expect((calls[0]?.input as ReadInput).maxBytes).toBe(big);
    expect(store.getState().view).toMatchObject({ status: 'ready', choice: { kind: 'table' } });
  });

  it('never reads a file that is binary by name', async () => {
    const { api, calls } = fakeClient({});
    const store = createArtifactPreviewStore(api, 'r1');
    await store.getState().select('model/model.pkl', 1234);
    expect(calls).toHaveLength(0);
    expect(store.getState().view).toEqual({ status: 'ready', choice: { kind: 'binary' }, bytes: null, size: 1234, truncated: false });
  });

  it('shows an "image" that is really HTML as binary', async () => {
    const { api } = fakeClient({ 'artifacts.read': ({ path }: ReadInput) => content(path, '<script>alert(1)</script>') });
    const store = createArtifactPreviewStore(api, 'r1');
    await store.getState().select('plot.png', 25);
    expect(store.getState().view).toMatchObject({ status: 'ready', choice: { kind: 'binary' } });
  });

  it('drops a slow read when another file was selected meanwhile', async () => {
    const slow = deferred<ArtifactContent>();
    const { api } = fakeClient({ 'artifacts.read': ({ path }: ReadInput) => (path === 'slow.txt' ? slow.promise : content(path, '{"fast": true}')) });
    const store = createArtifactPreviewStore(api, 'r1');
    const first = store.getState().select('slow.txt', 4);
    await store.getState().select('fast.json', 14);
    slow.resolve(content('slow.txt', 'slow'));
    await first;
    expect(store.getState().path).toBe('fast.json');
    expect(store.getState().view).toMatchObject({ status: 'ready', choice: { kind: 'json' } });
  });

  it('shows a failed read as an error', async () => {
    const { api } = fakeClient({ 'artifacts.read': () => { throw new Error("Artifact 'x' not found."); } });
    const store = createArtifactPreviewStore(api, 'r1');
    await store.getState().select('x.txt', 3);
    expect(store.getState().view).toEqual({ status: 'error', message: "Artifact 'x' not found." });
  });

  it('reads the whole file for a download and refuses files over the read cap', async () => {
    const { api, calls } = fakeClient({ 'artifacts.read': ({ path }: ReadInput) => content(path, 'PK\x03\x04') });
    const store = createArtifactPreviewStore(api, 'r1');
    await store.getState().select('bundle.zip', 4);
    expect(new TextDecoder().decode(await store.getState().readWhole())).toBe('PK\x03\x04');
    expect((calls[0]?.input as ReadInput).maxBytes).toBe(MAX_READ);
    await store.getState().select('huge.zip', MAX_READ + 1);
    await expect(store.getState().readWhole()).rejects.toThrow(/cannot be downloaded/);
    expect(calls).toHaveLength(1);
  });
});
