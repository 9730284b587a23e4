import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { bodyProblem, JSON_TYPE } from './serving-console';
import type { InvokeContentType, InvokeResult, ServingPort } from './serving-types';

export interface ConsoleState {
  body: string;
  contentType: InvokeContentType;
  /** Where the pre-filled body came from ('input_example', 'signature'), or why there is none. */
  exampleSource: string | null;
  exampleStatus: 'loading' | 'ready' | 'none';
  sending: boolean;
  /** The last answer (any HTTP status), or why the request could not be made. */
  response: InvokeResult | null;
  error: string | null;
  /** True once the person typed: a late example must not overwrite their body. */
  edited: boolean;
  loadExample(): Promise<void>;
  setBody(body: string): void;
  setContentType(type: InvokeContentType): void;
  send(serverId: string): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const FALLBACK = '{\n  "dataframe_split": {\n    "columns": [],\n    "data": []\n  }\n}';

/** One request console: the body typed (pre-filled from the model), sending it to a server, its answer. */
export function createConsoleStore(port: ServingPort, modelUri: string) {
  return createStore<ConsoleState>()((set, get) => ({
    body: FALLBACK,
    contentType: JSON_TYPE,
    exampleSource: null,
    exampleStatus: 'loading',
    sending: false,
    response: null,
    error: null,
    edited: false,
    async loadExample() {
      set({ exampleStatus: 'loading' });
      try {
        const ex = await port.example(modelUri);
        if (get().edited) return set({ exampleStatus: 'ready', exampleSource: ex.source });
        set({ body: ex.body, contentType: ex.contentType, exampleSource: ex.source, exampleStatus: 'ready' });
      } catch (e) {
        set({ exampleStatus: 'none', exampleSource: message(e) });
      }
    },
    setBody(body) {
      set({ body, edited: true });
    },
    setContentType(contentType) {
      set({ contentType });
    },
    async send(serverId) {
      const { body, contentType, sending } = get();
      if (sending) return;
      const problem = bodyProblem(body, contentType);
      if (problem) return set({ error: problem, response: null });
      set({ sending: true, error: null });
      try {
        set({ response: await port.invoke(serverId, body, contentType), sending: false });
      } catch (e) {
        set({ error: message(e), response: null, sending: false });
      }
    },
  }));
}

export type ConsoleStore = ReturnType<typeof createConsoleStore>;
export const useConsole = <T,>(store: ConsoleStore, pick: (s: ConsoleState) => T) => useStore(store, pick);
