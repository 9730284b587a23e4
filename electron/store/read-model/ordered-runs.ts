import { GONE, type ListMoves } from './list-moves';
import type { RunRecord } from './run-record';

/** Orders kept per experiment list (the most recently used). */
const ORDERS_KEPT = 8;

interface Entry {
  /** Positions in the list of its runs in this order (all lifecycle stages), once sorted. */
  sorted?: Uint32Array;
  /** The order, comparing two runs (to place touched runs when the list is replaced). */
  compare?: (a: RunRecord, b: RunRecord) => number;
}

/**
 * The runs of an experiment sorted once per order and used again by later searches: a search
 * then walks the sorted runs, tests its filter and stops once its page is full, instead of
 * sorting the matches. Keyed by the model's run list of the experiment, which the model replaces
 * whenever one of its runs changes, so a stale order is never found (and is collected with its
 * list); the model carries the orders over to the new list (carry), the touched runs removed
 * and placed again by binary search. The synchronous path sorts an order only when a second
 * search asks for it on the same list; the sliced path (sortedSliced) on the first ask.
 */
export class OrderedRuns {
  private readonly byList = new WeakMap<readonly RunRecord[], Map<string, Entry>>();
  /** Sorted orders carried over to a new list, and dropped instead (for tests and measurements). */
  readonly stats = { carried: 0, dropped: 0 };

  /**
   * The positions in `list` of its runs in the order named `orderKey` (sorted by `sortAll` on
   * the second ask), or undefined on the first ask for this list and order.
   */
  sorted(list: readonly RunRecord[], orderKey: string, sortAll: (runs: RunRecord[]) => readonly RunRecord[], compare?: (a: RunRecord, b: RunRecord) => number): Uint32Array | undefined {
    const orders = this.ordersOf(list);
    const entry = orders.get(orderKey);
    if (!entry) {
      this.add(orders, orderKey, {});
      return undefined;
    }
    orders.delete(orderKey); // most recently used last
    orders.set(orderKey, entry);
    if (!entry.sorted) {
      entry.sorted = positionsOf(list, sortAll([...list]));
      entry.compare = compare;
    }
    return entry.sorted;
  }

  /** The order already sorted for this list, if any (marks it most recently used). */
  known(list: readonly RunRecord[], orderKey: string): Uint32Array | undefined {
    const orders = this.byList.get(list);
    const entry = orders?.get(orderKey);
    if (!orders || !entry?.sorted) return undefined;
    orders.delete(orderKey);
    orders.set(orderKey, entry);
    return entry.sorted;
  }

  /** Keeps an order sorted elsewhere (the sliced sort) for this list. */
  keep(list: readonly RunRecord[], orderKey: string, sorted: Uint32Array, compare: (a: RunRecord, b: RunRecord) => number): void {
    const orders = this.ordersOf(list);
    orders.delete(orderKey);
    this.add(orders, orderKey, { sorted, compare });
  }

  /**
   * The orders of `oldList` made valid for `newList`, the model's next list of the same
   * experiment (see listMoves): the untouched runs keep their relative order, the others are
   * placed by binary search. Without moves (too many runs changed), or for an order without a
   * comparison, they are dropped (sorted again when asked).
   */
  carry(oldList: readonly RunRecord[], newList: readonly RunRecord[], moves: ListMoves | undefined): void {
    const orders = this.byList.get(oldList);
    if (!orders) return;
    const kept = new Map<string, Entry>();
    for (const [orderKey, entry] of orders) {
      if (!entry.sorted) {
        if (moves) kept.set(orderKey, {});
      } else if (moves && entry.compare) {
        kept.set(orderKey, { sorted: placed(entry.sorted, moves.at, moves.placedAgain, newList, entry.compare), compare: entry.compare });
        this.stats.carried++;
      } else {
        this.stats.dropped++;
      }
    }
    if (kept.size) this.byList.set(newList, kept);
  }

  /**
   * The orders of `list` brought up to date after the model wrote new records into it in place
   * (changesInPlace): the runs at `changed` positions (below `oldLength`: read again; from it on:
   * appended) are taken out and placed again by binary search, into the order's own buffer
   * when it has room. Only for a list nobody is reading across turns (the model's pins).
   */
  updateInPlace(list: readonly RunRecord[], oldLength: number, changed: readonly number[]): void {
    const orders = this.byList.get(list);
    if (!orders || changed.length === 0) return;
    for (const [orderKey, entry] of orders) {
      if (!entry.sorted) continue;
      if (!entry.compare) {
        orders.delete(orderKey);
        this.stats.dropped++;
        continue;
      }
      entry.sorted = placedInPlace(entry.sorted, oldLength, changed, list, entry.compare);
      this.stats.carried++;
    }
  }

  private ordersOf(list: readonly RunRecord[]): Map<string, Entry> {
    let orders = this.byList.get(list);
    if (!orders) this.byList.set(list, (orders = new Map()));
    return orders;
  }

  private add(orders: Map<string, Entry>, orderKey: string, entry: Entry): void {
    if (orders.size >= ORDERS_KEPT) orders.delete(orders.keys().next().value!);
    orders.set(orderKey, entry);
  }
}

/** placed's kept positions (only used within one call, which calls nothing that could call it again). */
let keptScratch = new Uint32Array(0);

/** placedInPlace's marks of the positions read again (kept all zero between calls). */
let changedScratch = new Uint8Array(0);

/** The old order over the new list: untouched runs in their order, the others merged in at their places. */
function placed(sorted: Uint32Array, at: Uint32Array, placedAgain: number[], list: readonly RunRecord[], compare: (a: RunRecord, b: RunRecord) => number): Uint32Array {
  // a scratch typed array used again, not a growing JS array: 50,000 positions per order per
  // carry were the largest source of short-lived garbage (scavenges) in the stall mix's heap profile
  if (keptScratch.length < sorted.length) keptScratch = new Uint32Array(Math.max(sorted.length, keptScratch.length * 2));
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    const q = at[sorted[i]!]!;
    if (q !== GONE) keptScratch[n++] = q;
  }
  return mergeIn(keptScratch.subarray(0, n), placedAgain, list, compare, new Uint32Array(n + placedAgain.length));
}

/**
 * The order over the list after runs were read again in place or appended (positions `changed`;
 * the others kept where they were): written into `sorted`'s own buffer when it has room (the
 * kept positions are copied out first), else into a new one with an eighth more room.
 */
function placedInPlace(sorted: Uint32Array, oldLength: number, changed: readonly number[], list: readonly RunRecord[], compare: (a: RunRecord, b: RunRecord) => number): Uint32Array {
  if (keptScratch.length < sorted.length) keptScratch = new Uint32Array(Math.max(sorted.length, keptScratch.length * 2));
  if (changedScratch.length < oldLength) changedScratch = new Uint8Array(Math.max(oldLength, changedScratch.length * 2));
  for (const q of changed) if (q < oldLength) changedScratch[q] = 1;
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (changedScratch[p] === 0) keptScratch[n++] = p;
  }
  for (const q of changed) if (q < oldLength) changedScratch[q] = 0;
  const length = n + changed.length;
  const out =
    sorted.byteOffset === 0 && sorted.buffer.byteLength >= length * 4 ? new Uint32Array(sorted.buffer, 0, length) : new Uint32Array(new ArrayBuffer((length + (length >> 3) + 64) * 4), 0, length);
  return mergeIn(keptScratch.subarray(0, n), changed, list, compare, out);
}

/** Writes into `out` the `kept` positions (in order) with the `adding` ones merged in at their places. */
function mergeIn(kept: Uint32Array, placedAgain: readonly number[], list: readonly RunRecord[], compare: (a: RunRecord, b: RunRecord) => number, out: Uint32Array): Uint32Array {
  const adding = [...placedAgain].sort((a, b) => compare(list[a]!, list[b]!));
  let k = 0;
  let lo = 0;
  for (const q of adding) {
    // binary search for the first kept run after list[q], from where the last one was placed
    let hi = kept.length;
    let l = lo;
    while (l < hi) {
      const m = (l + hi) >> 1;
      if (compare(list[kept[m]!]!, list[q]!) < 0) l = m + 1;
      else hi = m;
    }
    while (lo < l) out[k++] = kept[lo++]!;
    out[k++] = q;
  }
  while (lo < kept.length) out[k++] = kept[lo++]!;
  return out;
}

function positionsOf(list: readonly RunRecord[], sorted: readonly RunRecord[]): Uint32Array {
  const at = new Map<RunRecord, number>();
  list.forEach((r, i) => at.set(r, i));
  const out = new Uint32Array(sorted.length);
  sorted.forEach((r, j) => (out[j] = at.get(r)!));
  return out;
}
