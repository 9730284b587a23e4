import type { WindowState } from './settings';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
/** How much of the window must be on a screen for its saved place to be used (title bar reachable). */
const MIN_VISIBLE = 64;

const overlap = (a: Rect, b: Rect) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) >= MIN_VISIBLE &&
  Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) >= MIN_VISIBLE;

/**
 * Where to open the window: its saved place if that is still visible on one of today's
 * displays (a monitor may be gone), else its saved size centred, shrunk to fit the largest
 * display; the default size the first time.
 */
export function initialBounds(saved: WindowState | null, workAreas: Rect[]): Partial<Rect> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const { x, y, width, height } = saved;
  if (x !== undefined && y !== undefined && workAreas.some((area) => overlap({ x, y, width, height }, area))) return { x, y, width, height };
  const largest = workAreas.reduce<Rect | null>((best, a) => (!best || a.width * a.height > best.width * best.height ? a : best), null);
  return largest ? { width: Math.min(width, largest.width), height: Math.min(height, largest.height) } : { width, height };
}

/** What to save: the normal (un-maximised) bounds plus whether it was maximised. */
export const windowStateOf = (normal: Rect, maximized: boolean): WindowState => ({
  x: Math.round(normal.x),
  y: Math.round(normal.y),
  width: Math.max(400, Math.round(normal.width)),
  height: Math.max(300, Math.round(normal.height)),
  maximized,
});
