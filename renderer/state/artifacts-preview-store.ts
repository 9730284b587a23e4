import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Client } from '../api/client';
import { base64ToBytes } from '../components/artifacts/bytes';
import { FOLLOW_KEEP, FOLLOW_READ, MAX_READ, PREVIEW_LIMIT, TAIL_READ } from '../components/artifacts/limits';
import { appendKeeping, fromLineStart, tailOffset } from '../components/artifacts/tail-read';
import { viewerForContent, viewerForName, type ViewerChoice } from '../components/artifacts/viewer-choice';

export type PreviewView =
  | { status: 'empty' }
  /** Larger than PREVIEW_LIMIT: nothing is read until the user asks. */
  | { status: 'confirm' }
  | { status: 'loading' }
  /**
   * `bytes` is null for files known to be binary by name (never read for a preview). They start
   * at byte `offset` of the file (> 0 for its end, "tail"); `truncated`: bytes after them were left out.
   */
  | { status: 'ready'; choice: ViewerChoice; bytes: Uint8Array<ArrayBuffer> | null; size: number | undefined; offset: number; truncated: boolean }
  | { status: 'error'; message: string };

export interface ArtifactPreviewState {
  path: string | null;
  /** From the listing; the read's `size` once read. */
  size: number | undefined;
  view: PreviewView;
  /** Whether new lines of the file are read as it grows, and its end kept in view. */
  following: boolean;
  /** Shows a file: reads up to PREVIEW_LIMIT of it unless it is bigger or binary by name. */
  select(path: string, size?: number): Promise<void>;
  /** Reads the selected file: all of it (up to MAX_READ) when `whole`, else its first PREVIEW_LIMIT bytes. */
  load(whole: boolean): Promise<void>;
  /** Reads the last TAIL_READ bytes of the selected file (from a line start): "Jump to end". */
  tail(): Promise<void>;
  /** Follows the file (reading its end first if that was not read), or stops. */
  setFollowing(on: boolean): Promise<void>;
  /** Reads what was added to the file since the last read and appends it; a file that shrank is read again. */
  poll(): Promise<void>;
  /** Every byte of the selected file, for a download. Throws for files over MAX_READ. */
  readWhole(): Promise<Uint8Array<ArrayBuffer>>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The artifact preview of one run: which file is shown and its bytes. Stale reads are dropped. */
export function createArtifactPreviewStore(api: Client, runId: string) {
  let seq = 0;
  let polling = false;
  return createStore<ArtifactPreviewState>()((set, get) => {
    async function load(whole: boolean) {
      const { path, size } = get();
      if (path === null) return;
      const mine = ++seq;
      set({ view: { status: 'loading' } });
      try {
        const maxBytes = whole ? Math.min(Math.max(size ?? MAX_READ, 1), MAX_READ) : PREVIEW_LIMIT;
        const res = await api.call('artifacts.read', { runId, path, maxBytes });
        if (mine !== seq) return;
        const bytes = base64ToBytes(res.base64);
        set({ size: res.size, view: { status: 'ready', choice: viewerForContent(path, bytes), bytes, size: res.size, offset: res.offset, truncated: res.truncated } });
      } catch (e) {
        if (mine === seq) set({ view: { status: 'error', message: message(e) } });
      }
    }

    /** What is shown stays until the end has been read (a viewer keeps its search and scroll). */
    async function tail() {
      const { path } = get();
      if (path === null) return;
      const mine = ++seq;
      try {
        let size = get().size ?? (await api.call('artifacts.read', { runId, path, maxBytes: 1 })).size;
        let res = await api.call('artifacts.read', { runId, path, offset: tailOffset(size, TAIL_READ), maxBytes: TAIL_READ });
        // it grew past what was asked for while being read: once more, from its new end
        if (res.truncated) {
          size = res.size;
          res = await api.call('artifacts.read', { runId, path, offset: tailOffset(size, TAIL_READ), maxBytes: TAIL_READ });
        }
        if (mine !== seq) return;
        const read = fromLineStart(base64ToBytes(res.base64), res.offset);
        set({ size: res.size, view: { status: 'ready', choice: viewerForContent(path, read.bytes), bytes: read.bytes, size: res.size, offset: read.offset, truncated: res.truncated } });
      } catch (e) {
        if (mine === seq) set({ view: { status: 'error', message: message(e) } });
      }
    }

    async function poll() {
      const { path, view, following } = get();
      if (path === null || view.status !== 'ready' || !view.bytes || polling) return;
      if (view.truncated) {
        // the end was not read: following starts from it; otherwise there is nothing to add to
        if (following) await tail();
        return;
      }
      const from = view.offset + view.bytes.length;
      const mine = seq;
      polling = true;
      try {
        const res = await api.call('artifacts.read', { runId, path, offset: from, maxBytes: FOLLOW_READ });
        if (mine !== seq || get().view !== view) return;
        if (res.size < from || res.truncated) {
          // replaced by a shorter file, or grown by more than one read: show its end afresh
          polling = false;
          await tail();
          return;
        }
        const added = base64ToBytes(res.base64);
        if (added.length === 0) return;
        const grown = appendKeeping(view.bytes, added, FOLLOW_KEEP);
        set({ size: res.size, view: { ...view, bytes: grown.bytes, size: res.size, offset: view.offset + grown.dropped, truncated: false } });
      } catch {
        // a failed poll is retried on the next tick; what is shown stays
      } finally {
        polling = false;
      }
    }

    return {
      path: null,
      size: undefined,
      view: { status: 'empty' },
      following: false,
      load,
      tail,
      poll,
      async setFollowing(on) {
        set({ following: on });
        const { view } = get();
        if (on && view.status === 'ready' && view.truncated) await tail();
      },
      async select(path, size) {
        seq++;
        set({ path, size, following: false });
        const byName = viewerForName(path);
        if (byName?.kind === 'binary') return set({ view: { status: 'ready', choice: byName, bytes: null, size, offset: 0, truncated: false } });
        if (size !== undefined && size > PREVIEW_LIMIT) return set({ view: { status: 'confirm' } });
        await load(false);
      },
      async readWhole() {
        const { path, size } = get();
        if (path === null) throw new Error('No file selected');
        if (size !== undefined && size > MAX_READ) throw new Error(`Files over ${MAX_READ / 1024 / 1024} MB cannot be downloaded here.`);
        const res = await api.call('artifacts.read', { runId, path, maxBytes: MAX_READ });
        if (res.truncated) throw new Error(`Files over ${MAX_READ / 1024 / 1024} MB cannot be downloaded here.`);
        return base64ToBytes(res.base64);
      },
    };
  });
}

export type ArtifactPreviewStore = ReturnType<typeof createArtifactPreviewStore>;
export const useArtifactPreview = <T,>(store: ArtifactPreviewStore, pick: (s: ArtifactPreviewState) => T) => useStore(store, pick);
