import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { clampWidth } from '../components/runs-table/column-layout';
import type { PrefsStorage } from './runs-view-prefs';

/** How one experiment's table columns are laid out: widths the user dragged, and pinned columns. */
export interface ColumnLayout {
  /** Column id → width in px; a column not here has its default width. */
  widths: Record<string, number>;
  /** Column ids kept at the left, beside the run name, on horizontal scroll. */
  pinned: string[];
}

export interface ColumnLayoutState extends ColumnLayout {
  setWidth(columnId: string, width: number): void;
  resetWidth(columnId: string): void;
  setPinned(columnId: string, pinned: boolean): void;
}

export const columnLayoutKey = (experimentId: string) => `sextant.columnLayout.v1.${experimentId}`;

/** Reads the saved layout; anything missing or malformed is left out. */
export function readColumnLayout(storage: PrefsStorage | null, experimentId: string): ColumnLayout {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(columnLayoutKey(experimentId)) ?? 'null');
  } catch {
    raw = null;
  }
  const out: ColumnLayout = { widths: {}, pinned: [] };
  if (!raw || typeof raw !== 'object') return out;
  const { widths, pinned } = raw as Record<string, unknown>;
  if (widths && typeof widths === 'object') {
    for (const [id, w] of Object.entries(widths)) if (typeof w === 'number' && Number.isFinite(w)) out.widths[id] = clampWidth(w);
  }
  if (Array.isArray(pinned)) out.pinned = [...new Set(pinned.filter((p): p is string => typeof p === 'string'))];
  return out;
}

export function writeColumnLayout(storage: PrefsStorage | null, experimentId: string, layout: ColumnLayout): void {
  try {
    storage?.setItem(columnLayoutKey(experimentId), JSON.stringify({ widths: layout.widths, pinned: layout.pinned }));
  } catch {
    // full or unavailable storage: the layout lasts for this session only
  }
}

/** One experiment's column layout, saved on every change. */
export function createColumnLayoutStore(storage: PrefsStorage | null, experimentId: string) {
  const store = createStore<ColumnLayoutState>()((set) => ({
    ...readColumnLayout(storage, experimentId),
    setWidth: (id, width) => set((s) => ({ widths: { ...s.widths, [id]: clampWidth(width) } })),
    resetWidth: (id) =>
      set((s) => {
        const { [id]: _dropped, ...widths } = s.widths;
        return { widths };
      }),
    setPinned: (id, on) => set((s) => ({ pinned: on ? (s.pinned.includes(id) ? s.pinned : [...s.pinned, id]) : s.pinned.filter((p) => p !== id) })),
  }));
  store.subscribe((s, prev) => {
    if (s.widths !== prev.widths || s.pinned !== prev.pinned) writeColumnLayout(storage, experimentId, s);
  });
  return store;
}

export type ColumnLayoutStore = ReturnType<typeof createColumnLayoutStore>;
export const useColumnLayout = <T,>(store: ColumnLayoutStore, pick: (s: ColumnLayoutState) => T) => useStore(store, pick);
