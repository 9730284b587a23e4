import { createClient, type Client } from '../../../../renderer/api/client';
import type { EventMessage, MethodName, RpcResult } from '../../../../shared/ipc/contract';

type Handler = (input: never) => unknown;

/**
 * A real Client over a fake transport: method handlers you provide (a thrown error becomes an
 * RPC error, as main sends it), every call recorded, and `emit` to push events.
 */
export function fakeClient(handlers: Partial<Record<MethodName, Handler>>) {
  const calls: { method: MethodName; input: unknown }[] = [];
  const listeners = new Set<(msg: EventMessage) => void>();
  const api: Client = createClient({
    async call(method, input): Promise<RpcResult> {
      calls.push({ method, input });
      const h = handlers[method];
      if (!h) return { ok: false, error: { code: 'unknown_method', message: method } };
      try {
        return { ok: true, value: await h(input as never) };
      } catch (e) {
        return { ok: false, error: { code: 'not_found', message: (e as Error).message } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    api,
    calls,
    listeners,
    emit: (msg: EventMessage) => listeners.forEach((l) => l(msg)),
  };
}

/** Lets pending promise chains settle. */
export const flush = () => new Promise((r) => setTimeout(r, 0));

/** A promise you resolve later, to hold a call in flight. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
