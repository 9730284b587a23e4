/** Model serving (issue 13): what the app's Serve panel and request console see. */

/** How the model's Python environment is made: the Python on PATH (or --python), or one built from its python_env.yaml (the one list, shared with project runs). */
export { ENV_MANAGERS, isEnvManager, type EnvManager } from './env-managers';

export type ServerState = 'starting' | 'ready' | 'stopped' | 'failed';

/** What a model URI named, as found in the store (fields that do not apply are left out). */
export interface ResolvedModel {
  /** Registered model name (models:/name/version, models:/name@alias). */
  name?: string;
  version?: string;
  runId?: string;
  /** Logged model id (m-…). */
  modelId?: string;
  /** The model's folder inside its run's artifacts (runs:/<id>/<path>). */
  artifactPath?: string;
}

/** One scoring server run by the process holding the store (its id is the serving job's id). */
export interface ServerView {
  id: string;
  modelUri: string;
  resolved: ResolvedModel;
  host: string;
  port: number;
  /** http://host:port (where the app's main process sends invocations). */
  url: string;
  state: ServerState;
  startedAt: number;
  endedAt?: number;
  /** Why it failed, one line (never a stack). */
  error?: string;
  /** The server's latest output lines (Sextant's notes and the scoring server's log), newest last. */
  lines: string[];
}

export type InvokeContentType = 'application/json' | 'text/csv';

/** A request body for the console, from the model's own example or its signature. */
export interface ServingExample {
  body: string;
  contentType: 'application/json';
  source: 'input_example' | 'signature' | 'none';
}

/** The scoring server's answer to one POST /invocations, as it came (status 0: it could not be reached). */
export interface InvokeResult {
  status: number;
  body: string;
  /** Wall-clock milliseconds from sending the request to the whole answer. */
  ms: number;
}
