import type { RunRecord } from './run-record';

/** Orders kept per experiment list (the most recently used). */
const ORDERS_KEPT = 8;

interface Entry {
  /** Positions in the list of its runs in this order (all lifecycle stages), once a second search asked for it. */
  sorted?: Uint32Array;
}

/**
 * The runs of an experiment sorted once per order and used again by later searches while the
 * experiment's runs are unchanged: a search then walks the sorted runs, tests its filter and
 * stops once its page is full, instead of sorting the matches. Keyed by the model's run list of
 * the experiment, which the model replaces whenever one of its runs changes, so a stale order is
 * never found (and is collected with its list). An order is sorted only when a second search
 * asks for it on the same list: under steady writes (the list changing between searches) each
 * search sorts only its matches, as without this cache.
 */
export class OrderedRuns {
  private readonly byList = new WeakMap<readonly RunRecord[], Map<string, Entry>>();

  /**
   * The positions in `list` of its runs in the order named `orderKey` (sorted by `sortAll` on
   * the second ask), or undefined on the first ask for this list and order.
   */
  sorted(list: readonly RunRecord[], orderKey: string, sortAll: (runs: RunRecord[]) => readonly RunRecord[]): Uint32Array | undefined {
    let orders = this.byList.get(list);
    if (!orders) this.byList.set(list, (orders = new Map()));
    const entry = orders.get(orderKey);
    if (!entry) {
      if (orders.size >= ORDERS_KEPT) orders.delete(orders.keys().next().value!);
      orders.set(orderKey, {});
      return undefined;
    }
    orders.delete(orderKey); // most recently used last
    orders.set(orderKey, entry);
    entry.sorted ??= positionsOf(list, sortAll([...list]));
    return entry.sorted;
  }
}

function positionsOf(list: readonly RunRecord[], sorted: readonly RunRecord[]): Uint32Array {
  const at = new Map<RunRecord, number>();
  list.forEach((r, i) => at.set(r, i));
  const out = new Uint32Array(sorted.length);
  sorted.forEach((r, j) => (out[j] = at.get(r)!));
  return out;
}
