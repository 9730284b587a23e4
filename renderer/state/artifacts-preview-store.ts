import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Client } from '../api/client';
import { base64ToBytes } from '../components/artifacts/bytes';
import { MAX_READ, PREVIEW_LIMIT } from '../components/artifacts/limits';
import { viewerForContent, viewerForName, type ViewerChoice } from '../components/artifacts/viewer-choice';

export type PreviewView =
  | { status: 'empty' }
  /** Larger than PREVIEW_LIMIT: nothing is read until the user asks. */
  | { status: 'confirm' }
  | { status: 'loading' }
  /** `bytes` is null for files known to be binary by name (never read for a preview). */
  | { status: 'ready'; choice: ViewerChoice; bytes: Uint8Array<ArrayBuffer> | null; size: number | undefined; truncated: boolean }
  | { status: 'error'; message: string };

export interface ArtifactPreviewState {
  path: string | null;
  /** From the listing; the read's `size` once read. */
  size: number | undefined;
  view: PreviewView;
  /** Shows a file: reads up to PREVIEW_LIMIT of it unless it is bigger or binary by name. */
  select(path: string, size?: number): Promise<void>;
  /** Reads the selected file: all of it (up to MAX_READ) when `whole`, else its first PREVIEW_LIMIT bytes. */
  load(whole: boolean): Promise<void>;
  /** Every byte of the selected file, for a download. Throws for files over MAX_READ. */
  readWhole(): Promise<Uint8Array<ArrayBuffer>>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The artifact preview of one run: which file is shown and its bytes. Stale reads are dropped. */
export function createArtifactPreviewStore(api: Client, runId: string) {
  let seq = 0;
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
        set({ size: res.size, view: { status: 'ready', choice: viewerForContent(path, bytes), bytes, size: res.size, truncated: res.truncated } });
      } catch (e) {
        if (mine === seq) set({ view: { status: 'error', message: message(e) } });
      }
    }

    return {
      path: null,
      size: undefined,
      view: { status: 'empty' },
      load,
      async select(path, size) {
        seq++;
        set({ path, size });
        const byName = viewerForName(path);
        if (byName?.kind === 'binary') return set({ view: { status: 'ready', choice: byName, bytes: null, size, truncated: false } });
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
