import type { Store } from '../store';
import { RunsReadModel, type RunsReadModelOptions } from './runs-read-model';

const models = new WeakMap<Store, RunsReadModel>();

/**
 * The runs read model of a store, made on first use and fed by the store's commit stream
 * from then on (it reads SQL for everything before). One per store; it goes with the store.
 */
export function runsReadModelOf(store: Store, opts?: RunsReadModelOptions): RunsReadModel {
  let model = models.get(store);
  if (!model) {
    const created = new RunsReadModel(store.db, opts);
    store.onCommit((op) => created.onOp(op));
    models.set(store, created);
    model = created;
  }
  return model;
}
