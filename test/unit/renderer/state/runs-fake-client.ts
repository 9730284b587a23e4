import type { Client } from '../../../../renderer/api/client';
import type { Run } from '../../../../shared/domain/tracking';
import type { EventName, EventPayload, Input, MethodName, Output } from '../../../../shared/ipc/contract';
import { encodeTablePage, encodeTableValues } from '../../../../shared/ipc/runs-table-codec';
import { flatRun, flatRunReader } from '../../../../shared/ipc/runs-table-run-reader';
import type { RunsTablePage, RunsTableValues } from '../../../../shared/ipc/runs-table-types';

export interface Call {
  method: MethodName;
  input: unknown;
}

type Handler = (method: MethodName, input: never) => unknown;

/**
 * A stand-in for the API client: records every call, answers with `handler` (which may throw to
 * fail a call, or return a promise to hold it), and lets the test push events.
 */
export function fakeClient(handler: Handler) {
  const calls: Call[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const client = {
    async call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
      calls.push({ method, input });
      return (await handler(method, input as never)) as Output<M>;
    },
    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(cb as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(cb as (p: unknown) => void);
    },
  } satisfies Client;
  return {
    client: client as Client,
    calls,
    callsTo: (method: MethodName) => calls.filter((c) => c.method === method).map((c) => c.input as Record<string, unknown>),
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
}

/** An in-memory Storage for the view's saved choices. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

/** Lets pending promise callbacks run. */
export const flush = async (times = 5) => {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
};

/** What runs.searchTable answers for these runs (the server's encoder over Run objects). */
export function asTablePage(runs: readonly Run[], input: { columns?: string[]; allColumns?: boolean }, nextPageToken?: string): RunsTablePage {
  return encodeTablePage(runs.map(flatRun), flatRunReader, input.allColumns ? 'all' : (input.columns ?? []), nextPageToken);
}

/** What runs.searchTableValues answers for these runs. */
export function asTableValues(runs: readonly Run[], input: { columns: string[] }, nextPageToken?: string): RunsTableValues {
  return encodeTableValues(runs.map(flatRun), flatRunReader, input.columns, nextPageToken);
}
