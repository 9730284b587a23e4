import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PrefsStorage } from './runs-view-prefs';

export const SIDEBAR_KEY = 'sextant.sidebar.v1';

export interface SidebarState {
  collapsed: boolean;
  toggle(): void;
}

/** Whether the experiments sidebar is folded away, remembered across restarts. */
export function createSidebarStore(storage: PrefsStorage | null) {
  let collapsed = false;
  try {
    collapsed = storage?.getItem(SIDEBAR_KEY) === 'collapsed';
  } catch {
    // unreadable storage: open
  }
  const store = createStore<SidebarState>()((set) => ({ collapsed, toggle: () => set((s) => ({ collapsed: !s.collapsed })) }));
  store.subscribe((s) => {
    try {
      storage?.setItem(SIDEBAR_KEY, s.collapsed ? 'collapsed' : 'open');
    } catch {
      // full or unavailable storage: remembered for this session only
    }
  });
  return store;
}

export type SidebarStore = ReturnType<typeof createSidebarStore>;
export const useSidebar = <T,>(store: SidebarStore, pick: (s: SidebarState) => T) => useStore(store, pick);
