/** The text viewer's remembered choice: whether long lines wrap. */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const WRAP_KEY = 'sextant.textViewer.wrap.v1';

export function readWrap(storage: PrefsStorage | null): boolean {
  try {
    return storage?.getItem(WRAP_KEY) === 'true';
  } catch {
    return false;
  }
}

export function saveWrap(storage: PrefsStorage | null, wrap: boolean): void {
  try {
    storage?.setItem(WRAP_KEY, String(wrap));
  } catch {
    // storage refused: the choice holds for this session
  }
}

/** The page's localStorage, or null where there is none (tests, locked-down pages). */
export function pageStorage(): PrefsStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
