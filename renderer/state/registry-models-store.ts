import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RegisteredModel } from '../../shared/domain/registry';
import { parseFilter } from '../../shared/search';
import type { Client } from '../api/client';
import { coalesce } from './run-coalesce';

export interface ModelsState {
  models: RegisteredModel[];
  /** The filter as typed and the one the list shows. */
  filter: string;
  applied: string;
  /** Why the typed filter is refused (MLflow's message), checked before asking main. */
  filterError: string | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  refresh(): Promise<void>;
  /** Checks and applies a filter; plain words mean "name contains". */
  search(text: string): Promise<void>;
  create(name: string, description?: string): Promise<RegisteredModel>;
  /** Loads and follows `registry.changed`; returns the unsubscribe. */
  watch(): () => void;
}

const PLAIN = /^[\w .-]+$/;
const FILTER_WORDS = /\b(LIKE|ILIKE|AND)\b|[=<>!']/i;

/** MLflow filter text, or plain words turned into `name ILIKE '%words%'`. */
export function toModelFilter(text: string): string {
  const t = text.trim();
  if (t && PLAIN.test(t) && !FILTER_WORDS.test(t)) return `name ILIKE '%${t}%'`;
  return t;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The registered models list: filtered with MLflow's syntax on name and tags, kept live. */
export function createModelsStore(api: Client) {
  const store = createStore<ModelsState>()((set, get) => {
    const refresh = coalesce(async () => {
      try {
        const applied = get().applied;
        const models = await api.call('models.list', applied ? { filter: applied } : {});
        if (get().applied === applied) set({ models, status: 'ready', error: null });
      } catch (e) {
        set({ status: 'error', error: message(e) });
      }
    });
    return {
      models: [],
      filter: '',
      applied: '',
      filterError: null,
      status: 'loading',
      error: null,
      refresh,
      async search(text) {
        const filter = toModelFilter(text);
        const parsed = parseFilter(filter, 'registered_models');
        if (!parsed.ok) return set({ filter: text, filterError: parsed.error.message });
        set({ filter: text, applied: filter, filterError: null });
        await refresh();
      },
      async create(name, description) {
        const model = await api.call('models.create', { name, ...(description ? { description } : {}) });
        await refresh();
        return model;
      },
      watch() {
        void refresh();
        return api.on('registry.changed', () => void refresh());
      },
    };
  });
  return store;
}

export type ModelsStore = ReturnType<typeof createModelsStore>;
export const useModels = <T,>(store: ModelsStore, pick: (s: ModelsState) => T) => useStore(store, pick);
