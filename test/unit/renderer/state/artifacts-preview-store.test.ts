import { describe, expect, it } from 'vitest';
import type { ArtifactContent } from '../../../../shared/ipc/contract-types';
import { MAX_READ, PREVIEW_LIMIT, TAIL_READ } from '../../../../renderer/components/artifacts/limits';
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
    expect(store.getState().view).toEqual({ status: 'ready', choice: { kind: 'binary' }, bytes: null, size: 1234, offset: 0, truncated: false });
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

  describe('the end of a log, and following it', () => {
    /** A file on a fake server that reads like the real one: `offset`, `maxBytes`, `truncated`. */
    function growingFile(path: string, initial: string) {
      const file = { text: initial };
      const read = ({ offset = 0, maxBytes }: ReadInput & { offset?: number }): ArtifactContent => {
        const bytes = Buffer.from(file.text);
        const from = Math.min(offset, bytes.length);
        const part = bytes.subarray(from, from + maxBytes);
        return { path, size: bytes.length, offset: from, truncated: bytes.length > from + part.length, base64: part.toString('base64') };
      };
      return { file, read };
    }
    const shownText = (store: ReturnType<typeof createArtifactPreviewStore>) => {
      const v = store.getState().view;
      return v.status === 'ready' ? new TextDecoder().decode(v.bytes!) : `(${v.status})`;
    };
    const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${String(from + i).padStart(7, '0')} ${'x'.repeat(40)}\n`).join('');

    it('reads the last TAIL_READ bytes of a big file, from the first whole line', async () => {
      const log = numbered(1, 100_000); // 5.3 MB
      const { read } = growingFile('train.log', log);
      const { api, calls } = fakeClient({ 'artifacts.read': read });
      const store = createArtifactPreviewStore(api, 'r1');
      await store.getState().select('train.log', log.length);
      expect(store.getState().view.status).toBe('confirm');
      await store.getState().tail();
      expect(calls.at(-1)?.input).toEqual({ runId: 'r1', path: 'train.log', offset: log.length - TAIL_READ, maxBytes: TAIL_READ });
      const view = store.getState().view;
      if (view.status !== 'ready') throw new Error(view.status);
      const text = shownText(store);
      expect(text.startsWith('line ')).toBe(true);
      expect(text.endsWith('line 0100000 ' + 'x'.repeat(40) + '\n')).toBe(true);
      expect(view.offset).toBe(log.indexOf(text));
      expect(view.offset).toBeGreaterThan(log.length - TAIL_READ);
      expect(view.truncated).toBe(false);
    });

    it('learns the size first when the listing did not give it', async () => {
      const { read } = growingFile('a.log', numbered(1, 10));
      const { api, calls } = fakeClient({ 'artifacts.read': read });
      const store = createArtifactPreviewStore(api, 'r1');
      store.setState({ path: 'a.log', size: undefined });
      await store.getState().tail();
      expect((calls[0]?.input as ReadInput).maxBytes).toBe(1);
      expect(shownText(store)).toBe(numbered(1, 10));
      expect(store.getState().view).toMatchObject({ offset: 0 });
    });

    it('appends what a growing log gained since the last read, reading from where it stopped', async () => {
      const { file, read } = growingFile('run.log', numbered(1, 3));
      const { api, calls } = fakeClient({ 'artifacts.read': read });
      const store = createArtifactPreviewStore(api, 'r1');
      await store.getState().select('run.log', file.text.length);
      const before = file.text.length;
      await store.getState().poll(); // nothing new
      expect(shownText(store)).toBe(numbered(1, 3));
      file.text += numbered(4, 6);
      await store.getState().poll();
      expect(calls.at(-1)?.input).toMatchObject({ offset: before });
      expect(shownText(store)).toBe(numbered(1, 6));
      expect(store.getState().size).toBe(file.text.length);
    });

    it('shows a file that was replaced by a shorter one afresh', async () => {
      const { file, read } = growingFile('run.log', numbered(1, 5));
      const { api } = fakeClient({ 'artifacts.read': read });
      const store = createArtifactPreviewStore(api, 'r1');
      await store.getState().select('run.log', file.text.length);
      file.text = numbered(100, 101);
      await store.getState().poll();
      expect(shownText(store)).toBe(numbered(100, 101));
    });

    it('following a preview of a big file’s start reads its end first, then appends to it', async () => {
      const log = numbered(1, 60_000);
      const { file, read } = growingFile('big.log', log);
      const { api } = fakeClient({ 'artifacts.read': read });
      const store = createArtifactPreviewStore(api, 'r1');
      await store.getState().select('big.log', log.length);
      await store.getState().load(false);
      expect(store.getState().view).toMatchObject({ truncated: true, offset: 0 });
      await store.getState().poll(); // not followed: a start-only preview is left alone
      expect(shownText(store).startsWith('line 0000001')).toBe(true);
      await store.getState().setFollowing(true);
      expect(store.getState().following).toBe(true);
      expect(shownText(store).endsWith(numbered(60_000, 60_000))).toBe(true);
      file.text += numbered(60_001, 60_002);
      await store.getState().poll();
      expect(shownText(store).endsWith(numbered(59_999, 60_002))).toBe(true);
    });

    it('stops following when another file is selected', async () => {
      const { read } = growingFile('a.log', numbered(1, 2));
      const { api } = fakeClient({ 'artifacts.read': read });
      const store = createArtifactPreviewStore(api, 'r1');
      await store.getState().select('a.log', 10);
      await store.getState().setFollowing(true);
      await store.getState().select('a.log', 10);
      expect(store.getState().following).toBe(false);
    });
  });
});
