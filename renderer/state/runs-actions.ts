import type { Client } from '../api/client';
import { ALL_RUNS } from './runs-refresh';

/** What can be done to many runs at once from the table, and how it went. */
export interface RunActions {
  busy: boolean;
  actionError: string | null;
  tagRuns(ids: readonly string[], key: string, value: string): Promise<boolean>;
  deleteTagOnRuns(ids: readonly string[], key: string): Promise<boolean>;
  deleteRuns(ids: readonly string[]): Promise<boolean>;
  restoreRuns(ids: readonly string[]): Promise<boolean>;
  /** Moves them (and the runs nested under them) to another experiment. */
  moveRuns(ids: readonly string[], experimentId: string): Promise<boolean>;
  clearActionError(): void;
}

type Patch = { busy?: boolean; actionError?: string | null; selected?: ReadonlySet<string> };
type SetState = (patch: Patch | ((s: { selected: ReadonlySet<string> }) => Patch)) => void;

const RUN_IDS_PER_CALL = 10_000; // the contract's limit per call
const CONCURRENCY = 8;

/** Calls `fn` for every id, a few at a time, so a thousand-run tag does not flood the transport. */
export async function forEachLimited(ids: readonly string[], limit: number, fn: (id: string) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < ids.length) await fn(ids[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, ids.length) }, worker));
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Bulk run actions over the contract. After each, the touched runs are re-read at once (the
 * change event would also do it, a moment later); deleted or restored runs leave the selection.
 */
export function createRunActions(api: Client, set: SetState, refresh: (ids: readonly string[]) => Promise<void>): RunActions {
  const run = async (ids: readonly string[], work: () => Promise<unknown>, deselect: boolean, touched: readonly string[] = ids): Promise<boolean> => {
    if (ids.length === 0) return true;
    set({ busy: true, actionError: null });
    let ok = true;
    try {
      await work();
    } catch (e) {
      set({ actionError: e instanceof Error ? e.message : String(e) });
      ok = false;
    }
    await refresh(touched); // also after a partial failure: show what did happen
    if (ok && deselect) {
      const done = new Set(ids);
      set((s) => ({ selected: new Set([...s.selected].filter((id) => !done.has(id))) }));
    }
    set({ busy: false });
    return ok;
  };
  return {
    busy: false,
    actionError: null,
    tagRuns: (ids, key, value) => run(ids, () => forEachLimited(ids, CONCURRENCY, (runId) => api.call('runs.setTag', { runId, key, value })), false),
    deleteTagOnRuns: (ids, key) => run(ids, () => forEachLimited(ids, CONCURRENCY, (runId) => api.call('runs.deleteTag', { runId, key })), false),
    deleteRuns: (ids) => run(ids, async () => { for (const part of chunk(ids, RUN_IDS_PER_CALL)) await api.call('runs.delete', { runIds: part }); }, true),
    restoreRuns: (ids) => run(ids, async () => { for (const part of chunk(ids, RUN_IDS_PER_CALL)) await api.call('runs.restore', { runIds: part }); }, true),
    // Nested runs move too, and they are not among `ids`: the whole list is re-read.
    moveRuns: (ids, experimentId) =>
      run(ids, async () => { for (const part of chunk(ids, RUN_IDS_PER_CALL)) await api.call('runs.move', { runIds: part, experimentId }); }, true, [ALL_RUNS]),
    clearActionError: () => set({ actionError: null }),
  };
}
