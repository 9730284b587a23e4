import { describe, expect, it } from 'vitest';
import { createSidebarStore, SIDEBAR_KEY } from '../../../../renderer/state/sidebar-prefs';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('sidebar prefs', () => {
  it('starts open, and remembers being collapsed', () => {
    const storage = memoryStorage();
    const a = createSidebarStore(storage);
    expect(a.getState().collapsed).toBe(false);
    a.getState().toggle();
    expect(a.getState().collapsed).toBe(true);
    expect(storage.getItem(SIDEBAR_KEY)).toBe('collapsed');
    expect(createSidebarStore(storage).getState().collapsed).toBe(true);
    a.getState().toggle();
    expect(createSidebarStore(storage).getState().collapsed).toBe(false);
    expect(createSidebarStore(null).getState().collapsed).toBe(false);
  });
});
