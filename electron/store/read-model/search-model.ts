import type { FilterTerm, OrderByClause } from '../../../shared/search/types';
import { STAGES, type ViewType } from '../search/sql-fragment';
import { compileColumnFilter, type PositionPredicate } from './column-filter';
import { compileRunFilter, NotCovered } from './run-filter';
import { compileRunOrders, type RunOrder } from './run-order';
import type { RunRecord } from './run-record';
import type { RunsReadModel } from './runs-read-model';
import { sortPositionsSliced } from './sliced-sort';
import type { Slicer } from './slicer';

export interface ModelSearch {
  experimentIds: readonly string[];
  clauses: readonly FilterTerm[];
  orderBy: readonly OrderByClause[];
  viewType?: ViewType;
  offset: number;
  /** Runs wanted from `offset` (a page plus one, to know whether another follows). */
  limit: number;
}

/**
 * An experiment of at most this many runs is sorted whole by the synchronous path for an order
 * asked twice (about 10 ms for 10,000 runs); a larger one would hold the event loop too long in
 * one go, so its synchronous searches sort their matches only (a quickselect when the page is
 * small), unless the sliced path (searchModelSliced) has sorted it already.
 */
export const SORT_ALL_MAX_RUNS = 20_000;

/** Searches over more runs than this are worth answering in slices (searchModelSliced). */
export const SLICED_MIN_RUNS = 5_000;

/** What a search needs compiled: the filter's terms with the model's keys, the filter and the order; undefined when not covered. */
function compiled(model: RunsReadModel, q: ModelSearch): { terms: FilterTerm[]; matches: (r: RunRecord) => boolean; order: RunOrder } | undefined {
  const terms = q.clauses.map((t) => withModelKeys(model, t));
  try {
    return { terms, matches: compileRunFilter(terms), order: compileRunOrders(q.orderBy.map((o) => ({ ...o, key: model.key(o.key) }))) };
  } catch (err) {
    if (err instanceof NotCovered) return undefined;
    throw err;
  }
}

/**
 * searchModel with the event loop given a turn whenever the slicer's slice has used its time:
 * the filter scan, the sort and the walk of the sorted runs. A single experiment's runs are
 * sorted whole on the first ask (in slices) and the order kept (the model carries it over when
 * runs are touched), whatever their number. The runs searched are the model's lists when it
 * starts: the answer is the one of that moment.
 */
export async function searchModelSliced(model: RunsReadModel, q: ModelSearch, slicer: Slicer): Promise<RunRecord[] | undefined> {
  const c = compiled(model, q);
  if (!c) return undefined;
  const stages = STAGES[q.viewType ?? 'ACTIVE_ONLY'];
  const lists = model.experimentRuns(q.experimentIds);
  // read across turns: the model must not write changes into these lists meanwhile
  const unpin = model.pin(lists);
  try {
    return await searchLists(model, q, c, stages, lists, slicer);
  } finally {
    unpin();
  }
}

async function searchLists(
  model: RunsReadModel,
  q: ModelSearch,
  c: NonNullable<ReturnType<typeof compiled>>,
  stages: readonly string[],
  lists: readonly (readonly RunRecord[])[],
  slicer: Slicer,
): Promise<RunRecord[]> {
  if (lists.length === 1) {
    const list = lists[0]!;
    const orderKey = JSON.stringify(q.orderBy);
    let sorted = model.orders.known(list, orderKey);
    if (!sorted) {
      sorted = await sortPositionsSliced(list.length, await c.order.positionsSliced(list, slicer), slicer);
      model.orders.keep(list, orderKey, sorted, c.order.records);
    }
    const inStage = stages.length === 1 ? model.columns.inStage(list, stages[0]!) : undefined;
    return pageOfSortedSliced(list, sorted, inStage, compileColumnFilter(c.terms, list, model.columns), q.offset, q.limit, slicer);
  }
  const matching: RunRecord[] = [];
  for (const runs of lists) {
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i]!;
      if (stages.includes(r.lifecycle) && c.matches(r)) matching.push(r);
      if ((i + 1) % slicer.checkEvery === 0 && slicer.due()) await slicer.next();
    }
  }
  if (q.offset >= matching.length) return [];
  if (matching.length <= q.offset + q.limit || matching.length < SLICED_MIN_RUNS) return c.order.sort(matching, q.offset + q.limit).slice(q.offset);
  const sorted = await sortPositionsSliced(matching.length, await c.order.positionsSliced(matching, slicer), slicer);
  const page: RunRecord[] = [];
  for (let j = q.offset; j < Math.min(sorted.length, q.offset + q.limit); j++) page.push(matching[sorted[j]!]!);
  return page;
}

/** pageOfSorted in slices. */
async function pageOfSortedSliced(list: readonly RunRecord[], sorted: Uint32Array, inStage: Uint8Array | undefined, matchesAt: PositionPredicate, offset: number, limit: number, slicer: Slicer): Promise<RunRecord[]> {
  const marked = new Uint8Array(list.length);
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    if ((inStage === undefined || inStage[i] === 1) && matchesAt(i)) {
      marked[i] = 1;
      count++;
    }
    if ((i + 1) % slicer.checkEvery === 0 && slicer.due()) await slicer.next();
  }
  const page: RunRecord[] = [];
  if (offset >= count) return page;
  let skip = offset;
  for (let j = 0; j < sorted.length && page.length < limit; j++) {
    const p = sorted[j]!;
    if (marked[p] === 1) {
      if (skip > 0) skip--;
      else page.push(list[p]!);
    }
    if ((j + 1) % slicer.checkEvery === 0 && slicer.due()) await slicer.next();
  }
  return page;
}

/** The term with its keys replaced by the model's copies of them (the same text). */
function withModelKeys(model: RunsReadModel, term: FilterTerm): FilterTerm {
  if (!('bool' in term)) return { ...term, key: model.key(term.key) };
  if (term.bool === 'NOT') return { ...term, term: withModelKeys(model, term.term) };
  return { ...term, terms: term.terms.map((t) => withModelKeys(model, t)) };
}

/**
 * search_runs over a ready read model: the runs of the experiments in the view, filtered and
 * ordered as the SQL path does, then the page. Undefined when the filter or order is one the
 * JS evaluator does not cover (the caller asks SQL).
 */
export function searchModel(model: RunsReadModel, q: ModelSearch): RunRecord[] | undefined {
  const c = compiled(model, q);
  if (!c) return undefined;
  const { terms, matches } = c;
  const sort = c.order.sort;
  const stages = STAGES[q.viewType ?? 'ACTIVE_ONLY'];
  const lists = model.experimentRuns(q.experimentIds);
  if (lists.length === 1) {
    const list = lists[0]!;
    const orderKey = JSON.stringify(q.orderBy);
    const sorted = list.length <= SORT_ALL_MAX_RUNS ? model.orders.sorted(list, orderKey, (runs) => sort(runs, runs.length), c.order.records) : model.orders.known(list, orderKey);
    if (sorted) {
      const inStage = stages.length === 1 ? model.columns.inStage(list, stages[0]!) : undefined;
      return pageOfSorted(list, sorted, inStage, compileColumnFilter(terms, list, model.columns), q.offset, q.limit);
    }
  }
  const matching: RunRecord[] = [];
  for (const runs of lists) {
    if (stages.length === 1) {
      const stage = stages[0];
      for (const r of runs) if (r.lifecycle === stage && matches(r)) matching.push(r);
    } else {
      for (const r of runs) if (matches(r)) matching.push(r);
    }
  }
  if (q.offset >= matching.length) return [];
  return sort(matching, q.offset + q.limit).slice(q.offset);
}

/**
 * The page of runs in a sorted order: the runs the filter matches are marked first, in the
 * list's own order and on the list's columns, then the sorted positions are walked picking marked ones from `offset` on
 * until `limit` are found.
 */
function pageOfSorted(list: readonly RunRecord[], sorted: Uint32Array, inStage: Uint8Array | undefined, matchesAt: PositionPredicate, offset: number, limit: number): RunRecord[] {
  const marked = new Uint8Array(list.length);
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    if ((inStage === undefined || inStage[i] === 1) && matchesAt(i)) {
      marked[i] = 1;
      count++;
    }
  }
  const page: RunRecord[] = [];
  if (offset >= count) return page;
  let skip = offset;
  for (let j = 0; j < sorted.length && page.length < limit; j++) {
    const p = sorted[j]!;
    if (marked[p] === 0) continue;
    if (skip > 0) skip--;
    else page.push(list[p]!);
  }
  return page;
}
