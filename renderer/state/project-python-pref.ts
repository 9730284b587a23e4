import type { PrefsStorage } from './runs-view-prefs';

/**
 * The Python last given to Run project (a run does not record it, so a rerun would otherwise
 * start without it). Kept in this browser's storage; absent or unreadable storage: none.
 */
const KEY = 'sextant.projects.python';

export function lastPython(storage: PrefsStorage | null): string {
  try {
    return storage?.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberPython(storage: PrefsStorage | null, python: string): void {
  try {
    storage?.setItem(KEY, python.trim());
  } catch {
    // a full or refused storage only loses the convenience
  }
}
