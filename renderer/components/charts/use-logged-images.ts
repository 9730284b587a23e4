import { useEffect, useState } from 'react';
import type { Client } from '../../api/client';
import { IMAGES_DIR, imagesByKey, type LoggedImage } from './logged-images';

export interface LoggedImagesState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Per run id: its logged images by key. */
  byRun: Record<string, Map<string, LoggedImage[]>>;
}

/** Lists the `images/` folder of each run (a few at a time) and reads the logged images' names. */
export function useLoggedImages(api: Client, runIds: readonly string[]): LoggedImagesState {
  const [state, setState] = useState<LoggedImagesState>({ status: 'loading', error: null, byRun: {} });
  const idsKey = runIds.join(',');
  useEffect(() => {
    let live = true;
    const ids = idsKey ? idsKey.split(',') : [];
    setState({ status: 'loading', error: null, byRun: {} });
    (async () => {
      const byRun: Record<string, Map<string, LoggedImage[]>> = {};
      for (let i = 0; i < ids.length; i += 8) {
        const batch = ids.slice(i, i + 8);
        const lists = await Promise.all(batch.map((runId) => api.call('artifacts.list', { runId, path: IMAGES_DIR }).catch(() => [])));
        batch.forEach((runId, j) => {
          const found = imagesByKey(lists[j]!.filter((f) => !f.is_dir).map((f) => f.path));
          if (found.size) byRun[runId] = found;
        });
      }
      if (live) setState({ status: 'ready', error: null, byRun });
    })().catch((e: unknown) => live && setState({ status: 'error', error: e instanceof Error ? e.message : String(e), byRun: {} }));
    return () => {
      live = false;
    };
  }, [api, idsKey]);
  return state;
}
