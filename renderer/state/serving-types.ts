/**
 * The serving side as the UI's stores need it: a port over the contract's `serving.*` methods
 * and events (stores take it as an argument, tests give a fake), and the shapes they carry.
 */

/** What a model URI named, as found in the store (fields that do not apply are left out). */
export interface ResolvedModel {
  name?: string;
  version?: string;
  runId?: string;
  modelId?: string;
  artifactPath?: string;
}

export type ServerState = 'starting' | 'ready' | 'stopped' | 'failed';

/** A scoring server started by this Sextant, as the contract describes it. */
export interface ServerView {
  id: string;
  /** What was asked for: models:/name/3, models:/name@champion, runs:/…, models:/m-…. */
  modelUri: string;
  /** What it resolved to when started (e.g. the version an alias pointed at). */
  resolved: ResolvedModel;
  host: string;
  port: number;
  url: string;
  state: ServerState;
  startedAt: number;
  endedAt?: number;
  error?: string;
  /** Its latest output lines. */
  lines: string[];
}

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

/** Status 0: the server could not be reached. */
export interface InvokeResult {
  status: number;
  body: string;
  ms: number;
}

export interface ServingPort {
  list(): Promise<ServerView[]>;
  start(input: StartServerInput): Promise<ServerView>;
  stop(id: string): Promise<void>;
  example(modelUri: string): Promise<ExampleBody>;
  invoke(id: string, body: string, contentType: string): Promise<InvokeResult>;
  onChanged(cb: (server: ServerView) => void): () => void;
  onOutput(cb: (id: string, text: string) => void): () => void;
}

export const isLive = (s: ServerView): boolean => s.state === 'starting' || s.state === 'ready';
