import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { MetricSeries } from '../../../shared/ipc/contract-types';
import type { Client } from '../../api/client';
import { type ChartViewPrefs, DEFAULT_CHART_VIEW_PREFS, readChartPrefs, sessionChartStorage, writeChartPrefs } from '../../state/chart-view-prefs';
import type { PrefsStorage } from '../../state/runs-view-prefs';
import { type ChartPanel, MAX_PANELS, newPanel } from './chart-panels';
import type { ChartSettings, ZoomWindow } from './chart-types';
import { fetchSeries } from './series-fetch';

/** One metric's chart data: the whole history (coarse) per run, and the zoomed step range at full resolution. */
export interface LineState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  maxPoints: number;
  overview: Record<string, MetricSeries>;
  zoom: ZoomWindow | null;
  detail: Record<string, MetricSeries>;
}

export interface ChartsState {
  settings: ChartSettings;
  collapsed: Record<string, boolean>;
  /** Shows only the metric keys containing this text. */
  filter: string;
  /** The charts added by hand (see chart-panels.ts). */
  panels: ChartPanel[];
  runIds: string[];
  /** Metric keys first seen through `metrics.appended` (not yet in the runs' latest metrics). */
  liveKeys: string[];
  lines: Record<string, LineState>;
  setSettings(patch: Partial<ChartSettings>): void;
  toggleSection(prefix: string): void;
  setFilter(text: string): void;
  addPanel(metric: string): void;
  updatePanel(id: string, patch: Partial<Omit<ChartPanel, 'id'>>): void;
  removePanel(id: string): void;
  setRuns(runIds: string[]): void;
  /** Loads a metric's lines for the runs not loaded yet (or all, when the chart got much wider). */
  ensure(key: string, maxPoints: number): Promise<void>;
  /** Shows an x window and re-reads its step range at full resolution; null shows everything again. */
  zoom(key: string, window: ZoomWindow | null): Promise<void>;
  handleAppended(payload: EventPayload<'metrics.appended'>): void;
  /** Follows `metrics.appended` for the shown runs; returns the way to stop. */
  startLive(): () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const pick = <T>(rec: Record<string, T>, ids: readonly string[]) => Object.fromEntries(ids.filter((id) => rec[id]).map((id) => [id, rec[id]!]));

export interface ChartsStoreOptions {
  liveMs?: number;
  /** Where the settings, collapsed sections and filter are kept (see chart-scopes.ts); none: they start as the defaults and are not kept. */
  scope?: string;
  /** Defaults to the page session's storage. */
  storage?: PrefsStorage | null;
}

const prefsOf = (s: ChartsState): ChartViewPrefs => ({ settings: s.settings, collapsed: s.collapsed, filter: s.filter, panels: s.panels });

/**
 * Chart state for one set of runs, reading lines through the client; live re-reads are throttled
 * to one per `liveMs`. The choices about how to show them start from, and are written back to, the scope's prefs.
 */
export function createChartsStore(api: Client, opts: ChartsStoreOptions = {}) {
  const liveMs = opts.liveMs ?? 1000;
  const { scope } = opts;
  const storage = opts.storage === undefined ? sessionChartStorage() : opts.storage;
  const prefs = scope === undefined ? DEFAULT_CHART_VIEW_PREFS : readChartPrefs(storage, scope);
  const inflight = new Map<string, Promise<void>>();
  const zoomVersion = new Map<string, number>();
  const pending = new Map<string, Set<string>>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const store = createStore<ChartsState>()((set, get) => {
    const patchLine = (key: string, fn: (line: LineState) => Partial<LineState>) =>
      set((s) => (s.lines[key] ? { lines: { ...s.lines, [key]: { ...s.lines[key]!, ...fn(s.lines[key]!) } } } : {}));

    async function load(key: string, runIds: string[], maxPoints: number): Promise<void> {
      try {
        const got = await fetchSeries(api, key, runIds, maxPoints);
        patchLine(key, (l) => ({ status: 'ready', error: null, overview: { ...l.overview, ...got } }));
      } catch (e) {
        patchLine(key, () => ({ status: 'error', error: message(e) }));
      }
    }

    async function loadDetail(key: string, window: ZoomWindow, runIds: string[], replace: boolean): Promise<void> {
      const version = zoomVersion.get(key) ?? 0;
      const line = get().lines[key];
      if (!line) return;
      try {
        const got = await fetchSeries(api, key, runIds, line.maxPoints, window.steps);
        if (zoomVersion.get(key) !== version) return; // zoomed again meanwhile
        patchLine(key, (l) => ({ detail: replace ? got : { ...l.detail, ...got } }));
      } catch (e) {
        patchLine(key, () => ({ status: 'error', error: message(e) }));
      }
    }

    function flush(): void {
      timer = null;
      const { lines, runIds } = get();
      for (const [key, ids] of pending) {
        const line = lines[key];
        const wanted = [...ids].filter((id) => runIds.includes(id));
        if (line?.status === 'loading') continue; // still loading: re-read at the next flush
        pending.delete(key);
        if (!line || wanted.length === 0) continue; // never shown: read when it is
        void load(key, wanted, line.maxPoints);
        if (line.zoom) void loadDetail(key, line.zoom, wanted, false);
      }
      if (pending.size) timer = setTimeout(flush, liveMs);
    }

    return {
      settings: prefs.settings,
      collapsed: prefs.collapsed,
      filter: prefs.filter,
      panels: prefs.panels,
      runIds: [],
      liveKeys: [],
      lines: {},
      setSettings(patch) {
        const xModeChanged = patch.xMode !== undefined && patch.xMode !== get().settings.xMode;
        for (const key of Object.keys(get().lines)) if (xModeChanged) zoomVersion.set(key, (zoomVersion.get(key) ?? 0) + 1);
        set((s) => ({
          settings: { ...s.settings, ...patch },
          // x windows are in x-axis units: a new x-axis starts unzoomed
          lines: xModeChanged ? Object.fromEntries(Object.entries(s.lines).map(([k, l]) => [k, { ...l, zoom: null, detail: {} }])) : s.lines,
        }));
      },
      toggleSection(prefix) {
        set((s) => ({ collapsed: { ...s.collapsed, [prefix]: !s.collapsed[prefix] } }));
      },
      setFilter(text) {
        set({ filter: text });
      },
      addPanel(metric) {
        set((s) => (s.panels.length >= MAX_PANELS ? {} : { panels: [...s.panels, newPanel(s.panels, metric)] }));
      },
      updatePanel(id, patch) {
        set((s) => ({ panels: s.panels.map((p) => (p.id === id ? { ...p, ...patch } : p)) }));
      },
      removePanel(id) {
        set((s) => ({ panels: s.panels.filter((p) => p.id !== id) }));
      },
      setRuns(runIds) {
        const same = runIds.length === get().runIds.length && runIds.every((id, i) => get().runIds[i] === id);
        if (same) return;
        set((s) => ({
          runIds,
          lines: Object.fromEntries(Object.entries(s.lines).map(([k, l]) => [k, { ...l, overview: pick(l.overview, runIds), detail: pick(l.detail, runIds) }])),
        }));
      },
      ensure(key, maxPoints) {
        const busy = inflight.get(key);
        // runs may have been added meanwhile: look again once the load in flight is done
        if (busy) return busy.then(() => (get().lines[key]?.status === 'error' ? undefined : get().ensure(key, maxPoints)));
        const { runIds, lines } = get();
        const line = lines[key];
        const wider = line !== undefined && maxPoints > line.maxPoints * 1.5;
        const missing = line && !wider && line.status !== 'error' ? runIds.filter((id) => !line.overview[id]) : runIds;
        if (missing.length === 0) return Promise.resolve();
        set((s) => ({
          lines: {
            ...s.lines,
            [key]: line && !wider && line.status !== 'error'
              ? { ...line, maxPoints: Math.max(line.maxPoints, maxPoints) }
              : { status: 'loading', error: null, maxPoints, overview: line?.overview ?? {}, zoom: null, detail: {} },
          },
        }));
        const job = load(key, missing, get().lines[key]!.maxPoints).finally(() => inflight.delete(key));
        inflight.set(key, job);
        return job;
      },
      zoom(key, window) {
        zoomVersion.set(key, (zoomVersion.get(key) ?? 0) + 1);
        patchLine(key, () => ({ zoom: window, ...(window ? {} : { detail: {} }) }));
        return window ? loadDetail(key, window, get().runIds, true) : Promise.resolve();
      },
      handleAppended({ runId, keys }) {
        if (!get().runIds.includes(runId)) return;
        const fresh = keys.filter((k) => !get().lines[k] && !get().liveKeys.includes(k));
        if (fresh.length) set((s) => ({ liveKeys: [...s.liveKeys, ...fresh] }));
        for (const k of keys) pending.set(k, (pending.get(k) ?? new Set()).add(runId));
        timer ??= setTimeout(flush, liveMs);
      },
      startLive() {
        const off = api.on('metrics.appended', (p) => get().handleAppended(p));
        return () => {
          off();
          if (timer) clearTimeout(timer);
          timer = null;
          pending.clear();
        };
      },
    };
  });
  if (scope !== undefined) {
    store.subscribe((s, prev) => {
      if (s.settings !== prev.settings || s.collapsed !== prev.collapsed || s.filter !== prev.filter || s.panels !== prev.panels) writeChartPrefs(storage, scope, prefsOf(s));
    });
  }
  return store;
}

export type ChartsStore = ReturnType<typeof createChartsStore>;
export const useCharts = <T,>(store: ChartsStore, select: (s: ChartsState) => T) => useStore(store, select);
