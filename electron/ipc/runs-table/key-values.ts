import type { Input } from '../../../shared/ipc/contract';
import type { KeyValues } from '../../../shared/ipc/runs-table-types';
import { flatRun, flatRunReader } from '../../../shared/ipc/runs-table-run-reader';
import { searchRuns } from '../../services/search-service';
import type { ServiceContext } from '../../services/service-context';
import { LIMITS } from '../../services/validation';
import { runsReadModelOf } from '../../store/read-model/store-read-model';
import type { Store } from '../../store/store';
import { valueCounter } from './count-values';
import { recordReader } from './record-reader';

export type KeyValuesInput = Input<'runs.keyValues'>;

/** Values offered per key when the call names no limit. */
export const KEY_VALUES_DEFAULT_LIMIT = 50;

/** Answers kept per store until its next commit (a filter bar asks the same key again and again). */
const kept = new WeakMap<Store, Map<string, KeyValues>>();
function answersOf(store: Store): Map<string, KeyValues> {
  let m = kept.get(store);
  if (!m) {
    const made = new Map<string, KeyValues>();
    store.onCommit(() => made.clear());
    kept.set(store, (m = made));
  }
  return m;
}

/**
 * runs.keyValues: the most common values of one param or tag over the experiments' runs (every
 * lifecycle stage), counted from the runs read model; while the model is not ready, from the
 * first page search_runs' SQL path answers (the most recent runs).
 */
export function keyValues(svc: ServiceContext, input: KeyValuesInput): KeyValues {
  const limit = input.limit ?? KEY_VALUES_DEFAULT_LIMIT;
  const id = JSON.stringify([[...input.experimentIds].sort(), input.entity, input.key, limit]);
  const answers = answersOf(svc.store);
  const hit = answers.get(id);
  if (hit) return hit;
  const model = runsReadModelOf(svc.store);
  let answer: KeyValues;
  if (model.ready()) {
    const counter = valueCounter(recordReader, input.entity, model.key(input.key));
    for (const runs of model.experimentRuns(input.experimentIds)) counter.add(runs);
    answer = counter.top(limit);
    answers.set(id, answer);
  } else {
    const page = searchRuns(svc, { experimentIds: input.experimentIds, orderBy: [], viewType: 'ALL', maxResults: LIMITS.searchRuns });
    const counter = valueCounter(flatRunReader, input.entity, input.key);
    counter.add(page.items.map(flatRun));
    answer = counter.top(limit); // not kept: the model's full answer comes once it is ready
  }
  return answer;
}
