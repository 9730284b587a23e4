import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import type { EnvManager } from '../../shared/ipc/serving-types';
import { connectToHolder, handOffJob } from '../jobs/job-client';
import { describeHolder } from '../jobs/job-report';
import { errorMessage } from '../jobs/job-runner';
import { createServiceContext } from '../services/service-context';
import type { KekSource } from '../store/crypto/keys/kek-source';
import { MANIFEST_FILE } from '../store/manifest';
import { lockEndpoint, readHolder } from '../store/store-lock';
import { Store } from '../store/store';
import { listRemotes } from '../store/sync/sync-repo';
import type { RemoteSecretFields } from '../secrets/secret-place';
import { materializeModel, type MaterializedModel } from './model-files';
import { describeResolved, resolveModelUri } from './model-uri';
import { assertPortFree, serverUrl } from './port-check';
import { serveModel } from './serve-model';
import { MODEL_SERVE_JOB, type ServeArgs } from './serving-jobs';

export interface ServeFromCliOptions {
  storeDir: string;
  args: ServeArgs & { host: string; port: number; envManager: EnvManager };
  key?: KekSource;
  /** Sextant's notes and the server's output. */
  stderr: { write(text: string): unknown };
  /** The ready line (`serving MODEL at URL`), for scripts. */
  stdout: { write(text: string): unknown };
  /** Ctrl-C (and SIGTERM): the first stops the server, the second kills it at once. Returns the way to stop listening. */
  onInterrupt?: (listener: () => void) => () => void;
  storeLog?: (msg: string) => void;
}

/**
 * `sextant models serve`: hands the model-serve job to the process holding the store (the app,
 * `sextant serve`) and prints its output until Ctrl-C, which stops the server; or, when nobody
 * holds the store, opens it only to resolve the model and copy its files out, closes it again
 * (serving never keeps the store locked), and serves here. Resolves with the exit status: 0 when
 * the server was stopped as asked, 1 when it could not start or failed.
 */
export async function serveFromCli(opts: ServeFromCliOptions): Promise<number> {
  const say = (line: string) => opts.stderr.write(`${line}\n`);
  if (!existsSync(join(opts.storeDir, MANIFEST_FILE))) {
    say(`sextant models serve: there is no Sextant store at ${opts.storeDir} (give --store DIR)`);
    return 1;
  }
  const stop = new AbortController();
  const killNow = new AbortController();
  let interrupts = 0;
  const stopListening = (opts.onInterrupt ?? onSignals)(() => {
    if (++interrupts === 1) {
      say('stopping the server (Ctrl-C again to kill it at once)');
      stop.abort();
    } else killNow.abort();
  });
  try {
    let socket: Socket | null;
    try {
      await assertPortFree(opts.args.host, opts.args.port); // the one check, here or handed over: before the model is copied
      socket = await connectToHolder(lockEndpoint(opts.storeDir));
    } catch (err) {
      say(`sextant models serve: ${errorMessage(err)}`);
      return 1;
    }
    return socket ? await handOff(opts, socket, stop.signal, killNow.signal, say) : await serveHere(opts, stop.signal, killNow.signal, say);
  } finally {
    stopListening();
  }
}

async function handOff(opts: ServeFromCliOptions, socket: Socket, signal: AbortSignal, killNow: AbortSignal, say: (line: string) => void): Promise<number> {
  const named = readHolder(opts.storeDir);
  const peer = named ? `process ${named.pid} (${named.command || 'sextant'})` : 'the process holding the store';
  killNow.addEventListener('abort', () => socket.destroy(), { once: true }); // the holder cancels a job whose connection closes
  const url = serverUrl(opts.args.host, opts.args.port);
  // Another command holding the store (an import, a push) would be kept running by the server: not handed there.
  const cancel = new AbortController();
  signal.addEventListener('abort', () => cancel.abort(), { once: true });
  let busyHolder: string | null = null;
  try {
    const result = await handOffJob(socket, { kind: MODEL_SERVE_JOB, args: opts.args }, {
      signal: cancel.signal,
      peer,
      onAccepted: (_id, holder) => {
        if (holder.kind === 'cli') {
          busyHolder = describeHolder(holder);
          cancel.abort();
        } else say(`serving in ${describeHolder(holder)}, which holds the store`);
      },
      onLog: (line) => {
        say(line);
        if (line.startsWith(`serving ${opts.args.modelUri} at ${url}`)) opts.stdout.write(`serving ${opts.args.modelUri} at ${url}\n`);
      },
    });
    if (busyHolder) {
      say(`sextant models serve: the store is held by ${busyHolder} for a while; serve again once it has finished (or start sextant serve, which can run both)`);
      return 1;
    }
    if (result.state === 'failed') {
      for (const p of result.outcome.problems) say(`sextant models serve: ${p.message}`);
      return 1;
    }
    if (result.state === 'cancelled' && !signal.aborted) say(`the server was stopped in ${describeHolder(result.holder)} (stopped there, or it closed)`);
    return 0;
  } catch (err) {
    if (killNow.aborted) return 130;
    say(`sextant models serve: ${errorMessage(err)}`);
    return 1;
  }
}

async function serveHere(opts: ServeFromCliOptions, signal: AbortSignal, killNow: AbortSignal, say: (line: string) => void): Promise<number> {
  const { args } = opts;
  let copied: CopiedModel;
  try {
    copied = await copyModelOut(opts, say);
  } catch (err) {
    say(`sextant models serve: ${errorMessage(err)}`);
    return 1;
  }
  try {
    await serveModel({
      modelDir: copied.model.dir,
      remotes: copied.remotes,
      host: args.host,
      port: args.port,
      envManager: args.envManager,
      ...(args.python ? { python: args.python } : {}),
      log: say,
      signal,
      killNow,
      onReady: (url) => {
        say(`serving ${args.modelUri} at ${url} (POST ${url}/invocations; Ctrl-C to stop)`);
        opts.stdout.write(`serving ${args.modelUri} at ${url}\n`);
      },
    });
    say('server stopped');
    return 0;
  } catch (err) {
    const [first, ...rest] = (err instanceof Error ? err.message : String(err)).split('\n');
    say(`sextant models serve: ${first}`);
    for (const line of rest) say(line);
    return 1;
  } finally {
    await copied.model.remove();
  }
}

interface CopiedModel {
  model: MaterializedModel;
  /** The store's remotes: the variables holding their secrets are kept from the scoring server. */
  remotes: RemoteSecretFields[];
}

/** Opens the store (taking its lock) just long enough to resolve the model, copy its files into a private temp folder and read its remotes. */
async function copyModelOut(opts: ServeFromCliOptions, say: (line: string) => void): Promise<CopiedModel> {
  const store = await Store.open({ dir: opts.storeDir, log: opts.storeLog ?? ((m) => !m.startsWith('checkpoint:') && say(`[sextant] ${m}`)), ...(opts.key ? { key: opts.key } : {}) });
  try {
    const svc = createServiceContext(store);
    const location = resolveModelUri(svc, opts.args.modelUri);
    say(`${opts.args.modelUri} is ${describeResolved(location.resolved)}`);
    const remotes = listRemotes(store.db);
    return { model: await materializeModel(svc, location.artifactPath, { log: say }), remotes };
  } finally {
    await store.close();
  }
}

function onSignals(listener: () => void): () => void {
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, listener);
  return () => {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, listener);
  };
}
