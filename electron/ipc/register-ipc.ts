import { EVENT_CHANNEL, RPC_CHANNEL } from '../../shared/ipc/channels';
import type { EventMessage, RpcResult } from '../../shared/ipc/contract';
import { dispatch, type Handlers } from './dispatch';

// Structural slices of Electron's ipcMain, IpcMainInvokeEvent and WebContents: main passes
// the real ones, tests pass fakes, and nothing here loads Electron.
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}
export interface EventSource {
  subscribe(listener: (msg: EventMessage) => void): () => void;
}

export interface IpcOptions {
  handlers: Handlers;
  events: EventSource;
  /** Whether a page URL is the app's own origin (app-origin.ts). */
  isTrusted(url: string): boolean;
  /** Every webContents that may receive events (the app's windows). */
  targets(): WebContentsLike[];
  log(msg: string): void;
}

const FORBIDDEN: RpcResult = { ok: false, error: { code: 'forbidden', message: 'IPC is only accepted from the Sextant window.' } };
const MALFORMED: RpcResult = { ok: false, error: { code: 'bad_input', message: 'Expected { method: string, input }.' } };

/**
 * The frame that sent the message must be present, the top-level frame, and show our origin.
 * Returns null when it passes, otherwise what to log about the sender.
 */
export function untrustedSender(event: InvokeEventLike, isTrusted: (url: string) => boolean): string | null {
  try {
    const frame = event.senderFrame; // null once the frame navigated away or was destroyed
    if (frame === null) return 'a destroyed frame';
    if (frame.parent !== null) return `a subframe (${String(frame.url).slice(0, 200)})`;
    return isTrusted(frame.url) ? null : String(frame.url).slice(0, 200);
  } catch {
    return 'a disposed frame'; // reading a disposed frame can throw
  }
}

function asCall(msg: unknown): { method: string; input: unknown } | null {
  if (msg === null || typeof msg !== 'object') return null;
  const { method, input } = msg as { method?: unknown; input?: unknown };
  return typeof method === 'string' && method.length <= 200 ? { method, input } : null;
}

/**
 * The only place ipcMain is used: the contract's RPC channel, with the sender checked on every
 * message before dispatch validates the input, and the event bus pushed to every window that
 * shows the app. Returns the undo (for shutdown).
 */
export function registerIpc(ipc: IpcMainLike, opts: IpcOptions): () => void {
  ipc.handle(RPC_CHANNEL, (event, msg) => {
    const untrusted = untrustedSender(event, opts.isTrusted);
    if (untrusted !== null) {
      opts.log(`refused an IPC call from ${untrusted}`);
      return FORBIDDEN;
    }
    const call = asCall(msg);
    return call ? dispatch(opts.handlers, call.method, call.input, { transport: 'ipc' }, opts.log) : MALFORMED;
  });
  const unsubscribe = opts.events.subscribe((msg) => {
    for (const contents of opts.targets()) {
      if (!contents.isDestroyed() && opts.isTrusted(contents.getURL())) contents.send(EVENT_CHANNEL, msg);
    }
  });
  return () => {
    unsubscribe();
    ipc.removeHandler(RPC_CHANNEL);
  };
}
