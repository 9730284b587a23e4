import { RUN_STATUSES, type RunStatus } from '../../shared/domain/tracking';
import type { Sort } from '../components/runs-table/sorting';
import type { Lifecycle } from './runs-view-prefs';

/**
 * The part of the experiment page's view a link carries: what a colleague needs to see the same
 * runs the same way. Pins, hidden runs and column widths stay personal and are not in it.
 */
export interface RunsViewLink {
  filterText: string;
  sort: Sort | null;
  columns: string[] | null;
  groupBy: string | null;
  statusFilter: RunStatus | null;
  lifecycle: Lifecycle;
  /** Every run its own row, nested runs not folded under their parent. */
  flat: boolean;
  selected: string[];
  /** Parent runs shown open (so the selected nested runs are in sight). */
  expanded: string[];
}

/** At most this many selected runs, and as many open parents, go into a link (200 run ids are about 6.6 KB of URL). */
export const LINK_SELECTION_MAX = 200;

export const DEFAULT_LINK_VIEW: RunsViewLink = {
  filterText: '',
  sort: null,
  columns: null,
  groupBy: null,
  statusFilter: null,
  lifecycle: 'active',
  flat: false,
  selected: [],
  expanded: [],
};

const LIFECYCLES: readonly Lifecycle[] = ['active', 'deleted', 'all'];

const decodePart = (s: string): string | null => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
};

/** Each item escaped on its own, so a `,` inside an item cannot split it. */
const encodeList = (items: readonly string[]) => items.map(encodeURIComponent).join(',');
const decodeList = (raw: string): string[] =>
  raw
    .split(',')
    .map((item) => decodePart(item))
    .filter((item): item is string => !!item);

function decodeSort(raw: string): Sort | null {
  const at = raw.lastIndexOf('~');
  if (at <= 0) return null;
  const columnId = decodePart(raw.slice(0, at));
  const dir = raw.slice(at + 1);
  if (!columnId || (dir !== 'asc' && dir !== 'desc')) return null;
  return { columnId, desc: dir === 'desc' };
}

/**
 * The query string (without `?`) of a view: `q=…&sort=metrics.val_loss~asc&cols=…&group=…&
 * status=…&life=…&flat=1&sel=…&open=…`. Fields at their default are left out; a view that is
 * all defaults is `q=` (an empty filter), so a link always says that it carries a view. The
 * selected and the open runs are cut to LINK_SELECTION_MAX ids each.
 */
export function encodeRunsView(view: RunsViewLink): string {
  const parts: string[] = [];
  if (view.filterText.trim()) parts.push(`q=${encodeURIComponent(view.filterText.trim())}`);
  if (view.sort) parts.push(`sort=${encodeURIComponent(view.sort.columnId)}~${view.sort.desc ? 'desc' : 'asc'}`);
  if (view.columns) parts.push(`cols=${encodeList(view.columns)}`);
  if (view.groupBy) parts.push(`group=${encodeURIComponent(view.groupBy)}`);
  if (view.statusFilter) parts.push(`status=${view.statusFilter}`);
  if (view.lifecycle !== 'active') parts.push(`life=${view.lifecycle}`);
  if (view.flat) parts.push('flat=1');
  if (view.selected.length) parts.push(`sel=${encodeList(view.selected.slice(0, LINK_SELECTION_MAX))}`);
  if (view.expanded.length && !view.flat) parts.push(`open=${encodeList(view.expanded.slice(0, LINK_SELECTION_MAX))}`);
  return parts.length ? parts.join('&') : 'q=';
}

/**
 * The view a link's query string carries, every field it does not name at its default (the
 * link wins over the saved view as a whole), or null when it names none of them. Malformed
 * parts (bad escapes, an unknown status, a sort without a direction) are dropped one by one.
 */
export function decodeRunsView(query: string): RunsViewLink | null {
  const view: RunsViewLink = { ...DEFAULT_LINK_VIEW };
  let named = false;
  for (const pair of query.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    switch (name) {
      case 'q':
        view.filterText = decodePart(raw) ?? '';
        break;
      case 'sort':
        view.sort = decodeSort(raw);
        break;
      case 'cols':
        view.columns = decodeList(raw);
        break;
      case 'group':
        view.groupBy = decodePart(raw) || null;
        break;
      case 'status':
        view.statusFilter = RUN_STATUSES.find((s) => s === raw) ?? null;
        break;
      case 'life':
        view.lifecycle = LIFECYCLES.find((l) => l === raw) ?? 'active';
        break;
      case 'flat':
        view.flat = raw === '1' || raw === 'true';
        break;
      case 'sel':
        view.selected = [...new Set(decodeList(raw))].slice(0, LINK_SELECTION_MAX);
        break;
      case 'open':
        view.expanded = [...new Set(decodeList(raw))].slice(0, LINK_SELECTION_MAX);
        break;
      default:
        continue;
    }
    named = true;
  }
  return named ? view : null;
}

/** The link's part of a runs view state (the store's, or anything shaped like it). */
export function linkViewOf(
  s: Omit<RunsViewLink, 'selected' | 'expanded' | 'filterText'> & { appliedFilter: string; selected: ReadonlySet<string>; expanded: ReadonlySet<string> },
): RunsViewLink {
  return {
    filterText: s.appliedFilter,
    sort: s.sort,
    columns: s.columns,
    groupBy: s.groupBy,
    statusFilter: s.statusFilter,
    lifecycle: s.lifecycle,
    flat: s.flat,
    selected: [...s.selected],
    expanded: s.flat ? [] : [...s.expanded],
  };
}
