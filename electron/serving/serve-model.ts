import { dirname } from 'node:path';
import type { EnvManager } from '../../shared/ipc/serving-types';
import type { RemoteSecretFields } from '../secrets/secret-place';
import { prepareModelEnvironment } from './model-environment';
import { serverUrl } from './port-check';
import type { PythonFacts } from './python-probe';
import { startScoringProcess } from './scoring-process';
import { launcherArgs } from './serve-launcher';

export interface ServeModelOptions {
  /** The materialized model folder (materializeModel: inside a private temp folder of its own). */
  modelDir: string;
  host: string;
  port: number;
  envManager: EnvManager;
  python?: string;
  /** Sextant's notes and the scoring server's output, line by line. */
  log: (line: string) => void;
  /** Stops the server (SIGTERM, then SIGKILL of its group). */
  signal: AbortSignal;
  /** Aborting kills the server's process group at once (a second Ctrl-C). */
  killNow?: AbortSignal;
  /** Called once GET /ping answers 200. */
  onReady?: (url: string) => void;
  /** The store's remotes: the variables holding their secrets reach neither the environment builders nor the scoring server. */
  remotes: readonly RemoteSecretFields[];
}

/** MLflow's own scoring server for a model folder: its FastAPI app under uvicorn, or `mlflow models serve` for older MLflow. */
export function scoringCommand(facts: PythonFacts, modelDir: string, host: string, port: number): { command: string; args: string[]; env: Record<string, string>; cwd: string } {
  const env = { __pyfunc_model_path__: modelDir, PYTHONUNBUFFERED: '1' };
  // run in the model's private temp folder (removed at stop), never the caller's folder: MLflow may write an mlruns/ there
  const cwd = dirname(modelDir);
  if (facts.uvicornApp) {
    return { command: facts.python, args: launcherArgs('uvicorn', ['--host', host, '--port', String(port), 'mlflow.pyfunc.scoring_server.app:app']), env, cwd };
  }
  return { command: facts.python, args: launcherArgs('mlflow', ['models', 'serve', '-m', modelDir, '--env-manager', 'local', '-h', host, '-p', String(port)]), env, cwd };
}

/**
 * Serves a materialized model until `signal` aborts: prepares the Python, launches MLflow's
 * scoring server in its own process group, waits for /ping, then waits for the stop. The port is
 * checked by the caller (serving.start, `sextant models serve`) before anything is copied.
 * Resolves when stopped as asked; throws ScoringServerError (with the end of the server's log)
 * when it never got ready or exited by itself.
 */
export async function serveModel(opts: ServeModelOptions): Promise<void> {
  const { host, port, log, signal } = opts;
  const { facts, env } = await prepareModelEnvironment({ envManager: opts.envManager, ...(opts.python ? { python: opts.python } : {}), modelDir: opts.modelDir, log, signal, remotes: opts.remotes });
  signal.throwIfAborted();
  const cmd = scoringCommand(facts, opts.modelDir, host, port);
  log(`starting MLflow's scoring server: ${cmd.command} -m ${cmd.args.slice(2).join(' ')}`);
  // env holds neither the store's remote secrets nor MLflow's or Sextant's credentials (prepareModelEnvironment)
  const proc = startScoringProcess({ command: cmd.command, args: cmd.args, env: { ...env, ...cmd.env }, cwd: cmd.cwd, host, port, log });
  const onAbort = () => void proc.stop();
  const onKill = () => proc.kill();
  signal.addEventListener('abort', onAbort, { once: true });
  opts.killNow?.addEventListener('abort', onKill, { once: true });
  try {
    await proc.ready(signal);
    opts.onReady?.(serverUrl(host, port));
    await proc.exited;
    if (signal.aborted) return;
    throw proc.exitError();
  } catch (err) {
    await proc.stop();
    if (signal.aborted) return;
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
    opts.killNow?.removeEventListener('abort', onKill);
  }
}
