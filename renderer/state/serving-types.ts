/**
 * The serving side as the UI's stores need it: a port over the contract's `serving.*` methods
 * and events (stores take it as an argument, tests give a fake), and the shapes they carry.
 */

import type { InvokeResult, ServerView } from '../../shared/ipc/serving-types';

export type { InvokeResult, ResolvedModel, ServerState, ServerView } from '../../shared/ipc/serving-types';

export interface StartServerInput {
  modelUri: string;
  port?: number;
  host?: string;
  envManager?: string;
}

/** A request body made from the model's input example or signature. */
export interface ExampleBody {
  body: string;
  contentType: string;
  /** Where it came from, e.g. 'input_example', 'signature' (or a sentence). */
  source: string;
}

export interface ServingPort {
  list(): Promise<ServerView[]>;
  start(input: StartServerInput): Promise<ServerView>;
  /** Answers the server's view once stopped. */
  stop(id: string): Promise<ServerView>;
  example(modelUri: string): Promise<ExampleBody>;
  invoke(id: string, body: string, contentType: string): Promise<InvokeResult>;
  onChanged(cb: (server: ServerView) => void): () => void;
  onOutput(cb: (id: string, text: string) => void): () => void;
}

export const isLive = (s: ServerView): boolean => s.state === 'starting' || s.state === 'ready';
