import { type ChartPanel, panelsOf } from '../components/charts/chart-panels';
import { type ChartSettings, DEFAULT_SETTINGS, type XMode } from '../components/charts/chart-types';
import type { PrefsStorage } from './runs-view-prefs';

/** The chart choices kept per scope (an experiment, a run, a set of compared runs) for the page session; zoom is not kept. */
export interface ChartViewPrefs {
  settings: ChartSettings;
  /** Sections by key prefix: true when collapsed. */
  collapsed: Record<string, boolean>;
  /** The text metric keys are filtered by. */
  filter: string;
  /** The charts added by hand, shown above the automatic ones. */
  panels: ChartPanel[];
}

export const DEFAULT_CHART_VIEW_PREFS: ChartViewPrefs = { settings: DEFAULT_SETTINGS, collapsed: { system: true }, filter: '', panels: [] };

export const chartPrefsKey = (scope: string) => `sextant.chartView.v1.${scope}`;

const X_MODES: readonly XMode[] = ['step', 'wall', 'relative'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function settingsOf(v: unknown): ChartSettings {
  const d = DEFAULT_SETTINGS;
  if (!isRecord(v)) return { ...d };
  const smoothing = typeof v.smoothing === 'number' && v.smoothing >= 0 && v.smoothing <= 0.99 ? v.smoothing : d.smoothing;
  return {
    xMode: X_MODES.find((m) => m === v.xMode) ?? d.xMode,
    smoothing,
    logY: typeof v.logY === 'boolean' ? v.logY : d.logY,
    ignoreOutliers: typeof v.ignoreOutliers === 'boolean' ? v.ignoreOutliers : d.ignoreOutliers,
  };
}

function collapsedOf(v: unknown): Record<string, boolean> {
  if (!isRecord(v)) return { ...DEFAULT_CHART_VIEW_PREFS.collapsed };
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
}

/** Reads a scope's saved chart choices, field by field: anything missing or malformed falls back to the default. */
export function readChartPrefs(storage: PrefsStorage | null, scope: string): ChartViewPrefs {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(chartPrefsKey(scope)) ?? 'null');
  } catch {
    raw = null;
  }
  const p = isRecord(raw) ? raw : {};
  return { settings: settingsOf(p.settings), collapsed: collapsedOf(p.collapsed), filter: typeof p.filter === 'string' ? p.filter : '', panels: panelsOf(p.panels) };
}

export function writeChartPrefs(storage: PrefsStorage | null, scope: string, prefs: ChartViewPrefs): void {
  try {
    storage?.setItem(chartPrefsKey(scope), JSON.stringify(prefs));
  } catch {
    // storage full or disabled: the charts still work, their settings just are not kept
  }
}

/** How many runs an experiment's Charts tab plots when nothing is selected or pinned. */
export const CHARTED_COUNTS = [10, 25, 50, 100] as const;
export const DEFAULT_CHARTED_COUNT = 10;
export const chartedCountKey = (experimentId: string) => `sextant.chartedCount.v1.${experimentId}`;

/** An experiment's kept number of charted runs: one of CHARTED_COUNTS, else the default. */
export function readChartedCount(storage: PrefsStorage | null, experimentId: string): number {
  let n: number;
  try {
    n = Number(storage?.getItem(chartedCountKey(experimentId)) ?? NaN);
  } catch {
    n = NaN;
  }
  return CHARTED_COUNTS.find((c) => c === n) ?? DEFAULT_CHARTED_COUNT;
}

export function writeChartedCount(storage: PrefsStorage | null, experimentId: string, count: number): void {
  try {
    storage?.setItem(chartedCountKey(experimentId), String(count));
  } catch {
    // not kept: the count still applies until the page is left
  }
}

/** In-memory stand-in when the page has no sessionStorage: choices then last as long as the renderer. */
const memory = new Map<string, string>();
const memoryStorage: PrefsStorage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };

/** Where chart choices live: the page session's sessionStorage (kept across tab switches and reloads, dropped with the window). */
export function sessionChartStorage(): PrefsStorage {
  try {
    return typeof sessionStorage === 'undefined' ? memoryStorage : sessionStorage;
  } catch {
    return memoryStorage;
  }
}
