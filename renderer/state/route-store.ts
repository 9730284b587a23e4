import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { formatRoute, parseRoute, type Route } from './route';

export interface RouteState {
  route: Route;
  navigate(route: Route): void;
  /**
   * Rewrites the address in place (history.replaceState): no history entry and no hashchange,
   * for state the page mirrors into its URL as it changes (the runs view of an experiment).
   */
  replace(route: Route): void;
}

/** The current route, two-way bound to `location.hash` of the given window. */
export function createRouteStore(win: Pick<Window, 'location' | 'addEventListener'> & { history: Pick<History, 'replaceState'> }) {
  const store = createStore<RouteState>()((set) => ({
    route: parseRoute(win.location.hash),
    navigate(route) {
      const hash = formatRoute(route);
      if (win.location.hash !== hash) win.location.hash = hash;
      set({ route });
    },
    replace(route) {
      const hash = formatRoute(route);
      if (win.location.hash !== hash) win.history.replaceState(null, '', hash);
      set({ route });
    },
  }));
  win.addEventListener('hashchange', () => store.setState({ route: parseRoute(win.location.hash) }));
  return store;
}

export type RouteStore = ReturnType<typeof createRouteStore>;
export const useRoute = <T,>(store: RouteStore, pick: (s: RouteState) => T) => useStore(store, pick);
