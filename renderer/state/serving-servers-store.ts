import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { appendLog, EMPTY_LOG, logFromLines, mergeWindow, type LogBuffer } from './project-log-buffer';
import type { ServerView, ServingPort, StartServerInput } from './serving-types';

export interface ServersState {
  /** Every server this Sextant started (live and ended), in the order they started. */
  servers: ServerView[];
  /** Each server's output so far (seeded from its view's lines, then streamed). */
  logs: Record<string, LogBuffer>;
  /** Why the list could not be read. */
  error: string | null;
  refresh(): Promise<void>;
  /** Starts a server; throws the refusal (port taken, model not found) for the form to show. */
  start(input: StartServerInput): Promise<ServerView>;
  stop(id: string): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface ServersStoreOptions {
  /** How often the list is read again while a server starts (its readiness may come by no event). */
  startingPollMs?: number;
  /** How often while servers run (one may fail). */
  runningPollMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/**
 * App-wide: the model servers, kept current by `serving.changed` and their output by
 * `serving.output`, so a version page, the model page and a dialog all show the same ones.
 * Where those events do not come, the list is read again while servers live, and a server's
 * log is its view's latest lines.
 */
export function createServersStore(port: ServingPort, options: ServersStoreOptions = {}) {
  const { startingPollMs = 1000, runningPollMs = 5000, setTimer = setTimeout } = options;
  /** Servers whose output came as events: their view's lines no longer replace the log. */
  const streamed = new Set<string>();
  let polling = false;
  /** Once `serving.changed` came, events say what happens: no more reading the list on a timer. */
  let eventsFlow = false;
  const poll = () => {
    if (eventsFlow) return;
    const live = store.getState().servers.filter((x) => x.state === 'starting' || x.state === 'ready');
    if (polling || live.length === 0) return;
    polling = true;
    setTimer(() => {
      polling = false;
      void store.getState().refresh();
    }, live.some((x) => x.state === 'starting') ? startingPollMs : runningPollMs);
  };
  const upsert = (server: ServerView) => {
    store.setState((s) => {
      const i = s.servers.findIndex((x) => x.id === server.id);
      // an ended server's late "starting" answer must not bring it back
      if (i >= 0 && !['starting', 'ready'].includes(s.servers[i]!.state) && ['starting', 'ready'].includes(server.state)) return s;
      const servers = i < 0 ? [...s.servers, server] : s.servers.map((x) => (x.id === server.id ? server : x));
      const logs = streamed.has(server.id) ? s.logs : { ...s.logs, [server.id]: logFromLines(server.lines) };
      return { servers, logs };
    });
    poll();
  };
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
  port.onChanged((server) => {
    eventsFlow = true;
    upsert(server);
  });
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
