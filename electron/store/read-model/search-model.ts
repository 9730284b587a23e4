import type { FilterTerm, OrderByClause } from '../../../shared/search/types';
import { STAGES, type ViewType } from '../search/sql-fragment';
import { compileColumnFilter, type PositionPredicate } from './column-filter';
import { compileRunFilter, NotCovered } from './run-filter';
import { compileRunOrder } from './run-order';
import type { RunRecord } from './run-record';
import type { RunsReadModel } from './runs-read-model';

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
 * An experiment of at most this many runs is sorted whole for an order asked twice (about 10 ms
 * for 10,000 runs); a larger one would hold the event loop too long in one go, so its searches
 * sort their matches only (a quickselect when the page is small).
 */
export const SORT_ALL_MAX_RUNS = 20_000;

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
  const terms = q.clauses.map((t) => withModelKeys(model, t));
  let matches: (r: RunRecord) => boolean;
  let sort: (runs: RunRecord[], first: number) => RunRecord[];
  try {
    matches = compileRunFilter(terms);
    sort = compileRunOrder(q.orderBy.map((o) => ({ ...o, key: model.key(o.key) })));
  } catch (err) {
    if (err instanceof NotCovered) return undefined;
    throw err;
  }
  const stages = STAGES[q.viewType ?? 'ACTIVE_ONLY'];
  const lists = model.experimentRuns(q.experimentIds);
  if (lists.length === 1 && lists[0]!.length <= SORT_ALL_MAX_RUNS) {
    const list = lists[0]!;
    const sorted = model.orders.sorted(list, JSON.stringify(q.orderBy), (runs) => sort(runs, runs.length));
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
