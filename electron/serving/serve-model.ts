import type { EnvManager } from '../../shared/ipc/serving-types';
import { childEnv } from '../secrets/child-env';
import type { RemoteSecretFields } from '../secrets/secret-place';
import { prepareModelEnvironment } from './model-environment';
import { assertPortFree, serverUrl } from './port-check';
import type { PythonFacts } from './python-probe';
import { ScoringServerError, startScoringProcess } from './scoring-process';
import { launcherArgs } from './serve-launcher';

export interface ServeModelOptions {
  /** The materialized model folder. */
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
  readyTimeoutMs?: number;
  killAfterMs?: number;
  baseEnv?: NodeJS.ProcessEnv;
  /** The store's remotes: the variables holding their secrets are not passed to the scoring server. */
  remotes?: readonly RemoteSecretFields[];
}

/** Where the server ended: stopped as asked (`stopped`), or it went away by itself (an error is thrown then). */
export type ServeEnd = 'stopped';

/** MLflow's own scoring server for a model folder: its FastAPI app under uvicorn, or `mlflow models serve` for older MLflow. */
export function scoringCommand(facts: PythonFacts, modelDir: string, host: string, port: number): { command: string; args: string[]; env: Record<string, string> } {
  const env = { __pyfunc_model_path__: modelDir, PYTHONUNBUFFERED: '1' };
  if (facts.uvicornApp) {
    return { command: facts.python, args: launcherArgs('uvicorn', ['--host', host, '--port', String(port), 'mlflow.pyfunc.scoring_server.app:app']), env };
  }
  return { command: facts.python, args: launcherArgs('mlflow', ['models', 'serve', '-m', modelDir, '--env-manager', 'local', '-h', host, '-p', String(port)]), env };
}

/**
 * Serves a materialized model until `signal` aborts: checks the port, prepares the Python,
 * launches MLflow's scoring server in its own process group, waits for /ping, then waits for
 * the stop. Resolves 'stopped' when stopped as asked; throws ScoringServerError (with the end of
 * the server's log) when it never got ready or exited by itself.
 */
export async function serveModel(opts: ServeModelOptions): Promise<ServeEnd> {
  const { host, port, log, signal } = opts;
  await assertPortFree(host, port);
  const { facts, env } = await prepareModelEnvironment({ envManager: opts.envManager, ...(opts.python ? { python: opts.python } : {}), modelDir: opts.modelDir, log, signal, ...(opts.baseEnv ? { baseEnv: opts.baseEnv } : {}) });
  signal.throwIfAborted();
  const cmd = scoringCommand(facts, opts.modelDir, host, port);
  log(`starting MLflow's scoring server: ${cmd.command} -m ${cmd.args.slice(2).join(' ')}`);
  const proc = startScoringProcess({
    command: cmd.command,
    args: cmd.args,
    // never the store's remote secrets, MLflow's or Sextant's credentials (issue 12)
    env: { ...childEnv(env, opts.remotes ?? []), ...cmd.env },
    host,
    port,
    log,
    ...(opts.readyTimeoutMs ? { readyTimeoutMs: opts.readyTimeoutMs } : {}),
    ...(opts.killAfterMs ? { killAfterMs: opts.killAfterMs } : {}),
  });
  const onAbort = () => void proc.stop();
  const onKill = () => proc.kill();
  signal.addEventListener('abort', onAbort, { once: true });
  opts.killNow?.addEventListener('abort', onKill, { once: true });
  try {
    await proc.ready(signal);
    const url = serverUrl(host, port);
    opts.onReady?.(url);
    const exit = await proc.exited;
    if (signal.aborted) return 'stopped';
    throw new ScoringServerError(`The scoring server ${exit.signal ? `was stopped by ${exit.signal}` : `exited with status ${exit.code}`}.${proc.tail().length ? `\nThe server's last output:\n  ${proc.tail().join('\n  ')}` : ''}`);
  } catch (err) {
    await proc.stop();
    if (signal.aborted) return 'stopped';
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
    opts.killNow?.removeEventListener('abort', onKill);
  }
}
