// What every workload receives: the options, the servers under test and a logger.
import { type RunningServer } from '../support/servers';
import { type HttpClient } from './http';
import { type Options, type TargetKind } from './options';
import { type Row } from './report';

export interface BenchTarget {
  kind: TargetKind;
  label: string;
  server: RunningServer;
  http: HttpClient;
}

export interface BenchContext {
  opts: Options;
  mlflow?: BenchTarget;
  sextant?: BenchTarget;
  /** `sextant serve --key-file` on an encrypted store (--targets sextant-encrypted); only workloads that ask for it run on it. */
  'sextant-encrypted'?: BenchTarget;
  /** True when Sextant is built and selected (the memory workload starts its own server). */
  sextantAvailable: boolean;
  /** True when MLflow's venv is there and MLflow is selected (for workloads that start their own servers). */
  mlflowAvailable: boolean;
  /** Registers a server a workload started itself, so an interrupted run still stops it. */
  adopt(server: RunningServer): void;
  /** Runs `fn` when the bench ends, after the servers are stopped (e.g. removes a kept store). */
  cleanup(fn: () => Promise<void>): void;
  /** Replaces a server that exited unexpectedly with a fresh one (new, empty store). */
  restart(t: BenchTarget): Promise<void>;
  /** Records a failure of one server in one workload; the run goes on with the other server. */
  fail(t: BenchTarget, error: unknown): void;
  log(message: string): void;
  /** Logs a message and keeps it as a note under the results table (e.g. why a workload was skipped). */
  note(message: string): void;
}

export interface WorkloadResult {
  rows: Row[];
  details: Record<string, unknown>;
}

export type Workload = (ctx: BenchContext) => Promise<WorkloadResult>;

export type PerTarget<T> = Partial<Record<TargetKind, T>>;

export function isRunning(t: BenchTarget): boolean {
  return t.server.process.exitCode === null && t.server.process.signalCode === null;
}

/** GET /health answers 200 within 5 s (a server that caught SIGTERM may still run but not listen). */
export async function isHealthy(t: BenchTarget): Promise<boolean> {
  try {
    const res = await fetch(`${t.server.url}/health`, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` against MLflow, then Sextant, then (with `encrypted`, when started) Sextant on an
 * encrypted store (never two at once: they share the CPU). A failure is
 * reported through ctx.fail and that server is left out of the result; a server found dead (e.g.
 * killed from outside) is restarted on a fresh store first, so later workloads still run.
 */
export async function eachTarget<T>(ctx: BenchContext, fn: (t: BenchTarget) => Promise<T>, opts: { encrypted?: boolean } = {}): Promise<PerTarget<T>> {
  const out: PerTarget<T> = {};
  const encrypted = opts.encrypted ? ctx['sextant-encrypted'] : undefined;
  const order = ctx.opts.encryptedFirst ? [ctx.mlflow, encrypted, ctx.sextant] : [ctx.mlflow, ctx.sextant, encrypted];
  for (const t of order) {
    if (!t) continue;
    try {
      if (!isRunning(t) || !(await isHealthy(t))) {
        const p = t.server.process;
        const state = isRunning(t) ? 'is not answering /health' : `has exited (code ${p.exitCode}, signal ${p.signalCode})`;
        ctx.log(`${t.label} server ${state}; restarting it on a fresh store`);
        await ctx.restart(t);
      }
      t.http.resetConnections();
      out[t.kind] = await fn(t);
    } catch (e) {
      ctx.fail(t, e);
    }
  }
  return out;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
