import type { EventMessage, RpcResult } from '../../shared/ipc/contract';
import type { Transport } from './client';

/**
 * Browser mode: the contract over `POST /rpc/<method>` and server-sent events on `/events`,
 * both with the launch token as a Bearer header (read with fetch, since EventSource cannot
 * send headers). The event stream reconnects by itself after a drop, but not after a 401: the
 * token belongs to another launch, and only the URL the server printed brings a valid one.
 * Every 401 calls `onDenied` (boot forgets the stored token there).
 */
export interface HttpTransportOptions {
  /** Called on every 401 from the server. */
  onDenied?: () => void;
  /** What a refused call says (by default: open the URL `sextant serve` printed). */
  deniedMessage?: string;
}

const DENIED = 'This page has no valid token; open the URL that `sextant serve` printed.';

export function httpTransport(base: string, token: string, fetchImpl: typeof fetch = fetch, opts: HttpTransportOptions = {}): Transport {
  const denied = () => opts.onDenied?.();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listeners = new Set<(msg: EventMessage) => void>();
  let streaming = false;

  async function stream(): Promise<void> {
    streaming = true;
    while (listeners.size) {
      try {
        const res = await fetchImpl(`${base}/events`, { headers });
        if (res.status === 401) {
          denied();
          break;
        }
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of frame.split('\n')) {
              if (line.startsWith('data: ')) {
                const msg = JSON.parse(line.slice(6)) as EventMessage;
                for (const l of listeners) l(msg);
              }
            }
          }
        }
      } catch {
        // server restarting or network hiccup: retry below
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    streaming = false;
  }

  return {
    async call(method, input) {
      const res = await fetchImpl(`${base}/rpc/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
      if (res.status === 401) {
        denied();
        return { ok: false, error: { code: 'forbidden', message: opts.deniedMessage ?? DENIED } };
      }
      return (await res.json()) as RpcResult;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!streaming) void stream();
      return () => listeners.delete(listener);
    },
  };
}
