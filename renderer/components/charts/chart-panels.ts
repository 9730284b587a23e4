import { type ChartSettings, type XMode } from './chart-types';

/**
 * A chart someone added: one or more metrics as lines against a chosen x-axis (step, wall
 * time, relative time, or another metric's value at the same step), with its own smoothing
 * and log scale or the shared ones.
 */
export interface ChartPanel {
  id: string;
  metrics: string[];
  xMode: XMode;
  /** When set, x is this metric's value at each step the line has (xMode is then ignored). */
  xMetric: string | null;
  /** null: the shared smoothing. */
  smoothing: number | null;
  /** null: the shared log scale. */
  logY: boolean | null;
}

export const MAX_PANELS = 24;
export const MAX_PANEL_METRICS = 12;

const X_MODES: readonly XMode[] = ['step', 'wall', 'relative'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKey = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 250;

function panelOf(v: unknown): ChartPanel | null {
  if (!isRecord(v) || !isKey(v.id) || !Array.isArray(v.metrics)) return null;
  const metrics = [...new Set(v.metrics.filter(isKey))].slice(0, MAX_PANEL_METRICS);
  if (metrics.length === 0) return null;
  const smoothing = typeof v.smoothing === 'number' && v.smoothing >= 0 && v.smoothing <= 0.99 ? v.smoothing : null;
  return {
    id: v.id,
    metrics,
    xMode: X_MODES.find((m) => m === v.xMode) ?? 'step',
    xMetric: isKey(v.xMetric) ? v.xMetric : null,
    smoothing,
    logY: typeof v.logY === 'boolean' ? v.logY : null,
  };
}

/** The panels kept in storage, panel by panel: malformed ones dropped, bad fields back to their defaults, ids unique. */
export function panelsOf(v: unknown): ChartPanel[] {
  if (!Array.isArray(v)) return [];
  const seen = new Set<string>();
  const out: ChartPanel[] = [];
  for (const item of v) {
    const p = panelOf(item);
    if (!p || seen.has(p.id)) continue;
    seen.add(p.id);
    out.push(p);
    if (out.length === MAX_PANELS) break;
  }
  return out;
}

/** A new panel of one metric against steps, with an id none of `panels` has. */
export function newPanel(panels: readonly ChartPanel[], metric: string): ChartPanel {
  const taken = new Set(panels.map((p) => p.id));
  let n = panels.length + 1;
  while (taken.has(`panel-${n}`)) n++;
  return { id: `panel-${n}`, metrics: [metric], xMode: 'step', xMetric: null, smoothing: null, logY: null };
}

/** The settings a panel draws with: its own smoothing and log scale over the shared ones. */
export function panelSettings(panel: ChartPanel, shared: ChartSettings): ChartSettings {
  return {
    ...shared,
    xMode: panel.xMetric ? 'step' : panel.xMode,
    smoothing: panel.smoothing ?? shared.smoothing,
    logY: panel.logY ?? shared.logY,
  };
}
