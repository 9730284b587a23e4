import type { RouteStore } from './route-store';
import type { RunsViewState, RunsViewStore } from './runs-view-store';
import { encodeRunsView, linkViewOf, type RunsViewLink } from './runs-view-url';

/** The store fields a link carries: a change to any of them rewrites the address. */
const LINKED = ['appliedFilter', 'sort', 'columns', 'groupBy', 'statusFilter', 'lifecycle', 'flat', 'selected', 'expanded'] as const satisfies readonly (keyof RunsViewState)[];

/**
 * Keeps the address bar showing the experiment's runs view, so a copied link opens the same
 * view: every change of a linked field replaces the address in place (no history entry per
 * click; the filter only once applied). When the address brings a view this page did not
 * write (a link pasted into the address bar of the open page), `onLinkOpened` gets it.
 * Returns the way to stop.
 */
export function mirrorRunsViewToRoute(runs: RunsViewStore, route: RouteStore, experimentId: string, onLinkOpened: (view: RunsViewLink) => void): () => void {
  let written = '';
  const here = () => {
    const r = route.getState().route;
    return r.page === 'experiment' && r.experimentId === experimentId;
  };
  const write = () => {
    if (!here()) return; // the page is being left: its address is not ours any more
    const view = linkViewOf(runs.getState());
    written = encodeRunsView(view);
    route.getState().replace({ page: 'experiment', experimentId, view });
  };
  write();
  const offRuns = runs.subscribe((s, prev) => {
    if (LINKED.some((k) => s[k] !== prev[k])) write();
  });
  const offRoute = route.subscribe(({ route: r }) => {
    if (!here() || r.page !== 'experiment') return;
    if (!r.view) write(); // the same experiment opened again without a view: keep showing this one
    else if (encodeRunsView(r.view) !== written) onLinkOpened(r.view);
  });
  return () => {
    offRuns();
    offRoute();
  };
}
