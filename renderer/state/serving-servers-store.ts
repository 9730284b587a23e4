import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { appendLog, EMPTY_LOG, logFromLines, mergeWindow, type LogBuffer } from './project-log-buffer';
import type { ServerState, ServerView, ServingPort, StartServerInput } from './serving-types';

export interface ServersState {
  /** Every server this Sextant started (live and ended), in the order they started. */
  servers: ServerView[];
  /** Each server's output so far (seeded from its view's lines, then streamed). */
  logs: Record<string, LogBuffer>;
  /** Why the list could not be read. */
  error: string | null;
  /** Reads the whole list (once when the store is made; again where events may have been missed). */
  refresh(): Promise<void>;
  /** Starts a server; throws the refusal (port taken, model not found) for the form to show. */
  start(input: StartServerInput): Promise<ServerView>;
  stop(id: string): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A server only moves forward: starting, then ready, then ended (stopped or failed). */
const STAGE: Record<ServerState, number> = { starting: 0, ready: 1, stopped: 2, failed: 2 };

/**
 * App-wide: the model servers, kept current by `serving.changed` and their output by
 * `serving.output`, so a version page, the model page and a dialog all show the same ones.
 * A server's log starts as its view's latest lines, then grows with its output events.
 */
export function createServersStore(port: ServingPort) {
  /** Servers whose output came as events: their view's lines no longer replace the log. */
  const streamed = new Set<string>();
  const upsert = (server: ServerView) =>
    store.setState((s) => {
      const i = s.servers.findIndex((x) => x.id === server.id);
      // answers and events may cross: an older view (a late 'starting' answer) must not undo a newer state
      if (i >= 0 && STAGE[server.state] < STAGE[s.servers[i]!.state]) return s;
      const servers = i < 0 ? [...s.servers, server] : s.servers.map((x) => (x.id === server.id ? server : x));
      const logs = streamed.has(server.id) ? s.logs : { ...s.logs, [server.id]: logFromLines(server.lines) };
      return { servers, logs };
    });
  const store = createStore<ServersState>()((set) => ({
    servers: [],
    logs: {},
    error: null,
    async refresh() {
      try {
        for (const server of await port.list()) upsert(server);
        set({ error: null });
      } catch (e) {
        set({ error: message(e) });
      }
    },
    async start(input) {
      const server = await port.start(input);
      upsert(server);
      return server;
    },
    async stop(id) {
      upsert(await port.stop(id));
    },
  }));
  port.onChanged(upsert);
  // serving.output carries whole lines ('\n'-separated, the last one unended)
  port.onOutput((id, text) => {
    const first = !streamed.has(id);
    streamed.add(id);
    store.setState((s) => {
      const log = s.logs[id] ?? EMPTY_LOG;
      // the first event may repeat the end of the lines the log was seeded with (the view's)
      const next = first ? mergeWindow(log, text.replace(/\n$/, '').split('\n')) : appendLog(log, text.endsWith('\n') ? text : `${text}\n`);
      return { logs: { ...s.logs, [id]: next } };
    });
  });
  return store;
}

export type ServersStore = ReturnType<typeof createServersStore>;
export const useServers = <T,>(store: ServersStore, pick: (s: ServersState) => T) => useStore(store, pick);
