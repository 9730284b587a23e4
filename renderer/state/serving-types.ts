/**
 * The serving side as the UI's stores need it: a port over the contract's `serving.*` methods
 * and events (stores take it as an argument, tests give a fake). The shapes are the contract's own.
 */

import type { Input } from '../../shared/ipc/contract';
import type { InvokeContentType, InvokeResult, ServerView, ServingExample } from '../../shared/ipc/serving-types';

export type { EnvManager } from '../../shared/ipc/env-managers';
export type { InvokeContentType, InvokeResult, ResolvedModel, ServerState, ServerView, ServingExample } from '../../shared/ipc/serving-types';
export type StartServerInput = Input<'serving.start'>;

export interface ServingPort {
  list(): Promise<ServerView[]>;
  start(input: StartServerInput): Promise<ServerView>;
  /** Answers the server's view once stopped. */
  stop(id: string): Promise<ServerView>;
  example(modelUri: string): Promise<ServingExample>;
  invoke(id: string, body: string, contentType: InvokeContentType): Promise<InvokeResult>;
  onChanged(cb: (server: ServerView) => void): () => void;
  onOutput(cb: (id: string, text: string) => void): () => void;
}

export const isLive = (s: ServerView): boolean => s.state === 'starting' || s.state === 'ready';
