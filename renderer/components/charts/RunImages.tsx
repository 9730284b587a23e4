import { useMemo } from 'react';
import type { Run } from '../../../shared/domain/tracking';
import type { Client } from '../../api/client';
import type { RunMeta } from './chart-types';
import { type ChartsStore, useCharts } from './charts-store';
import { ImageKeyGrid } from './ImageGrid';
import { LOGGED_IMAGES_TAG, type LoggedImage } from './logged-images';
import { useLoggedImages } from './use-logged-images';

/** The collapsed-sections entry of the images (no metric prefix can be empty-led like this). */
export const IMAGES_SECTION = '\u0000images';

/** The images the runs logged by step (`mlflow.log_image(..., key=, step=)`): a grid per key, in a collapsible section. */
export function RunImages({ api, runs, metas, store }: { api: Client; runs: Run[]; metas: RunMeta[]; store: ChartsStore }) {
  const tagged = useMemo(() => runs.filter((r) => r.data.tags?.some((t) => t.key === LOGGED_IMAGES_TAG && t.value.toLowerCase() === 'true')).map((r) => r.info.run_id), [runs]);
  const state = useLoggedImages(api, tagged);
  const collapsed = useCharts(store, (s) => s.collapsed[IMAGES_SECTION] ?? false);
  const byKey = useMemo(() => {
    const out = new Map<string, Record<string, LoggedImage[]>>();
    for (const [runId, keys] of Object.entries(state.byRun)) {
      for (const [key, images] of keys) out.set(key, { ...(out.get(key) ?? {}), [runId]: images });
    }
    return [...out.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  }, [state.byRun]);
  if (tagged.length === 0 || (state.status === 'ready' && byKey.length === 0)) return null;
  return (
    <section className="chart-section" data-testid="image-section">
      <h3>
        <button type="button" aria-expanded={!collapsed} onClick={() => store.getState().toggleSection(IMAGES_SECTION)}>
          <span className="chart-caret">{collapsed ? '▸' : '▾'}</span> Images <span className="muted">({state.status === 'ready' ? byKey.length : '…'})</span>
        </button>
      </h3>
      {!collapsed && state.status === 'loading' && <p className="muted">Looking for logged images…</p>}
      {!collapsed && byKey.map(([key, perRun]) => <ImageKeyGrid key={key} api={api} imageKey={key} runs={metas} perRun={perRun} />)}
    </section>
  );
}
