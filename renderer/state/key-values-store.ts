import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Client } from '../api/client';

/** Values offered per key (the most common first). */
export const KEY_VALUES_LIMIT = 50;

type Entity = 'params' | 'tags';

export interface KeyValuesState {
  /** Per `entity.key`, the values the main process answered, until the next commit of a run of the experiment. */
  values: Readonly<Record<string, readonly string[]>>;
  /**
   * The values of a param or tag, if known; else undefined and asked for once (the answer
   * arrives as a new `values`). Safe to call while rendering: the ask starts after it.
   */
  valuesOf(entity: Entity, key: string): readonly string[] | undefined;
}

const idOf = (entity: Entity, key: string) => `${entity}.${key}`;

/**
 * The filter bar's known values of every param and tag of an experiment, asked of the main
 * process on demand (runs.keyValues, answered from its runs read model, every run counted, not
 * only those the table has read), cached per key until a run of the experiment changes.
 */
export function createKeyValuesStore(api: Client, experimentId: string, schedule: (fn: () => void) => void = queueMicrotask) {
  const asked = new Set<string>();
  let epoch = 0;
  const store = createStore<KeyValuesState>()((set, get) => ({
    values: {},
    valuesOf(entity, key) {
      const id = idOf(entity, key);
      const known = get().values[id];
      if (known || asked.has(id)) return known;
      asked.add(id);
      const at = epoch;
      schedule(() => {
        api.call('runs.keyValues', { experimentIds: [experimentId], entity, key, limit: KEY_VALUES_LIMIT }).then(
          (answer) => {
            if (at === epoch) set((s) => ({ values: { ...s.values, [id]: answer.values } }));
          },
          () => {
            if (at === epoch) asked.delete(id); // asked again next time
          },
        );
      });
      return undefined;
    },
  }));
  const off = api.on('runs.changed', (p) => {
    if (!p.experimentIds.includes(experimentId)) return;
    epoch++;
    asked.clear();
    store.setState({ values: {} });
  });
  return Object.assign(store, { close: off });
}

export type KeyValuesStore = ReturnType<typeof createKeyValuesStore>;
export const useKeyValues = <T,>(store: KeyValuesStore, pick: (s: KeyValuesState) => T) => useStore(store, pick);
