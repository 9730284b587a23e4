// `npm run bench`: starts a real MLflow server (SQLite) and `sextant serve` side by side, runs the
// same client workloads against each, prints a comparison table and writes test-results/bench.json.
// No pass/fail assertions on timings: the exit code is non-zero only if the harness itself failed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { repoRoot, venvBin } from '../support/paths';
import { type RunningServer, startMlflow, startSextant } from '../support/servers';
import { serverVersion } from './api';
import { type BenchContext, type BenchTarget, type Workload } from './context';
import { startEncryptedSextant, storeIsEncrypted } from './encrypted-sextant';
import { footprintRows } from './footprint';
import { HttpClient } from './http';
import { type Options, type TargetKind, type WorkloadName, USAGE, WORKLOADS, parseOptions } from './options';
import { redact } from './redact';
import { type BenchReport, type Row, evaluate, writeJson } from './report';
import { renderTable } from './table';
import { artifacts } from './workloads/artifacts';
import { history } from './workloads/history';
import { ingest } from './workloads/ingest';
import { ingestLarge } from './workloads/ingest-large';
import { openClose } from './workloads/open-close';
import { stall } from './workloads/stall';
import { memory } from './workloads/memory';
import { pushBench } from './workloads/push';
import { bundleBench } from './workloads/bundle';
import { search } from './workloads/search';
import { single } from './workloads/single';
import { ui } from './workloads/ui';

const RUNNERS: Record<WorkloadName, Workload> = { ingest, single, search, history, artifacts, 'open-close': openClose, 'ingest-large': ingestLarge, stall, memory, ui, push: pushBench, bundle: bundleBench };
/** Workloads that start their own servers and need none of the shared ones. */
const OWN_SERVER: readonly WorkloadName[] = ['open-close', 'ingest-large', 'stall', 'memory', 'ui', 'push', 'bundle'];
const started = performance.now();
const log = (m: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

const LABELS: Record<TargetKind, string> = { mlflow: 'MLflow', sextant: 'Sextant', 'sextant-encrypted': 'Sextant (encrypted)' };

async function startTarget(kind: TargetKind): Promise<BenchTarget> {
  const server: RunningServer = kind === 'mlflow' ? await startMlflow() : kind === 'sextant' ? await startSextant() : await startEncryptedSextant();
  if (kind === 'sextant-encrypted' && !(await storeIsEncrypted(server.dataDir))) {
    await server.stop();
    throw new Error('sextant serve --key-file did not create an encrypted store (store.json has no key header)');
  }
  return { kind, label: LABELS[kind], server, http: new HttpClient(server.url, 32) };
}

/** Which servers can run, with a note for each one that cannot. */
function availability(opts: Options, notes: string[]) {
  const sextantBuilt = existsSync(join(repoRoot, 'out', 'cli', 'cli.js'));
  const mlflowInstalled = existsSync(venvBin('mlflow'));
  const sextant = opts.targets.includes('sextant') && sextantBuilt;
  const encrypted = opts.targets.includes('sextant-encrypted') && sextantBuilt;
  const mlflow = opts.targets.includes('mlflow') && mlflowInstalled;
  if ((opts.targets.includes('sextant') || opts.targets.includes('sextant-encrypted')) && !sextantBuilt) notes.push('Sextant skipped: out/cli/cli.js not found (run `npm run build`).');
  if (opts.targets.includes('mlflow') && !mlflowInstalled) notes.push(`MLflow skipped: ${venvBin('mlflow')} not found (run \`node test/conformance/python-env.mjs\`).`);
  return { sextant, encrypted, mlflow };
}

async function main(): Promise<number> {
  let parsed: Options | 'help';
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const opts = parsed;
  const notes: string[] = [];
  const loadAvgAtStart = os.loadavg();
  if ((loadAvgAtStart[0] ?? 0) > 0.5) log(`note: the machine is not idle (load average ${loadAvgAtStart.map((l) => l.toFixed(2)).join(' ')}); numbers will be noisy`);
  const avail = availability(opts, notes);
  notes.forEach((n) => log(n));
  const needShared = opts.only.some((w) => !OWN_SERVER.includes(w));
  const errors: { workload: string; server: string; error: string; serverOutputTail: string }[] = [];
  let current = '';
  const extraServers = new Set<RunningServer>();
  const cleanups: (() => Promise<void>)[] = [];
  const ctx: BenchContext = {
    opts,
    sextantAvailable: avail.sextant,
    mlflowAvailable: avail.mlflow,
    log,
    note(message) {
      notes.push(message);
      log(message);
    },
    adopt: (server) => extraServers.add(server),
    cleanup: (fn) => cleanups.push(fn),
    async restart(t) {
      const old = t.server;
      const wasRunning = old.process.exitCode === null && old.process.signalCode === null;
      t.http.close();
      await old.stop();
      const how = wasRunning ? 'stopped answering' : `had exited (exit code ${old.process.exitCode}, signal ${old.process.signalCode})`;
      notes.push(`${current}: ${t.label} ${how} and was restarted on a fresh store; later rows for it start from an empty store`);
      const fresh = await startTarget(t.kind);
      t.server = fresh.server;
      t.http = fresh.http;
      log(`${t.label} restarted at ${t.server.url} (pid ${t.server.process.pid})`);
    },
    fail(t, e) {
      const message = (e as Error).message ?? String(e);
      const tail = redact(t.server.output().slice(-3000));
      log(`${current}: ${t.label} FAILED: ${(e as Error).stack ?? message}\n--- ${t.label} output (tail) ---\n${tail.slice(-1500)}`);
      notes.push(`${current}: ${t.label} failed: ${message}`);
      errors.push({ workload: current, server: t.label, error: (e as Error).stack ?? message, serverOutputTail: tail });
    },
  };

  const stopAll = async () => {
    [ctx.mlflow, ctx.sextant, ctx['sextant-encrypted']].forEach((t) => t?.http.close());
    await Promise.allSettled([ctx.mlflow?.server, ctx.sextant?.server, ctx['sextant-encrypted']?.server, ...extraServers].map((s) => s?.stop()));
    await Promise.allSettled(cleanups.splice(0).map((fn) => fn()));
  };
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('interrupted: stopping servers');
    void stopAll().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const rows: Row[] = [];
  const workloadLoad: string[] = [];
  const details: Record<string, unknown> = {};
  const servers: BenchReport['servers'] = {};
  let failed = false;
  try {
    if (needShared) {
      const kinds = [...(avail.mlflow ? ['mlflow' as const] : []), ...(avail.sextant ? ['sextant' as const] : []), ...(avail.encrypted ? ['sextant-encrypted' as const] : [])];
      log(`starting ${kinds.join(' and ') || 'no servers'}`);
      const started = await Promise.allSettled(kinds.map(async (kind) => {
        const t = await startTarget(kind);
        ctx[t.kind] = t; // known to stopAll as soon as it runs
        return t;
      }));
      for (const [i, r] of started.entries()) {
        if (r.status === 'rejected') {
          failed = true;
          const message = `${kinds[i]} did not start: ${(r.reason as Error).message}`;
          log(message);
          notes.push(message.split('\n')[0] as string);
          continue;
        }
        const t = r.value;
        servers[t.kind] = { version: await serverVersion(t.http) };
        log(`${t.label} ${servers[t.kind]?.version} at ${t.server.url} (pid ${t.server.process.pid})`);
      }
    }
    for (const name of WORKLOADS) {
      if (!opts.only.includes(name)) continue;
      current = name;
      log(`── ${name} ──`);
      const t0 = performance.now();
      const loadAtStart = os.loadavg();
      try {
        const result = await RUNNERS[name](ctx);
        rows.push(...result.rows);
        const loadAvg = { start: loadAtStart, end: os.loadavg() };
        workloadLoad.push(`${name}: ${loadAvg.start[0]?.toFixed(2)} → ${loadAvg.end[0]?.toFixed(2)}`);
        details[name] = { ...result.details, elapsedS: (performance.now() - t0) / 1000, loadAvg };
      } catch (e) {
        failed = true;
        const message = (e as Error).stack ?? String(e);
        log(`${name} FAILED: ${message}`);
        notes.push(`${name} failed: ${(e as Error).message.split("\n")[0]}`);
        details[name] = {
          error: message,
          elapsedS: (performance.now() - t0) / 1000,
          mlflowOutputTail: redact(ctx.mlflow?.server.output().slice(-2000) ?? ''),
          sextantOutputTail: redact(ctx.sextant?.server.output().slice(-2000) ?? ''),
          sextantEncryptedOutputTail: redact(ctx['sextant-encrypted']?.server.output().slice(-2000) ?? ''),
        };
      }
      log(`${name} took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    if (needShared && (ctx.mlflow || ctx.sextant)) {
      const fp = footprintRows(ctx);
      rows.push(...fp.rows);
      details.footprint = fp.details;
    }
  } catch (e) {
    failed = true;
    log(`FAILED: ${(e as Error).stack ?? String(e)}`);
    notes.push(`harness failed: ${(e as Error).message}`);
  } finally {
    await stopAll();
  }

  const evaluated = rows.map(evaluate);
  console.log('');
  console.log(renderTable(evaluated));
  for (const n of notes) console.log(`note: ${n}`);
  const source = sourceVersion();
  console.log(`\nmeasured: ${source.commit.slice(0, 12)}${source.dirtyFiles ? ` + ${source.dirtyFiles} changed file(s) in the working tree` : ''}; ${os.cpus().length} CPUs; load average (1 min) at start ${loadAvgAtStart[0]?.toFixed(2)}, at end ${os.loadavg()[0]?.toFixed(2)}`);
  if (workloadLoad.length) console.log(`load average (1 min) per workload, start → end: ${workloadLoad.join('; ')}`);
  const cpus = os.cpus();
  const report: BenchReport = {
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
    finishedAt: new Date().toISOString(),
    durationS: (performance.now() - started) / 1000,
    machine: { loadAvgAtStart, loadAvgAtEnd: os.loadavg(), cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memMB: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` },
    source,
    servers,
    options: { ...opts },
    rows: evaluated,
    details: { ...details, ...(errors.length ? { errors } : {}) },
    notes,
  };
  writeJson(opts.json, report);
  console.log(`\nresults written to ${opts.json} (total ${(report.durationS / 60).toFixed(1)} min)`);
  return failed || errors.length ? 1 : 0;
}

/** The commit under test and how many files differ from it (others' work in progress is measured too). */
function sourceVersion(): { commit: string; dirtyFiles: number } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' });
    return { commit, dirtyFiles: status.split('\n').filter(Boolean).length };
  } catch {
    return { commit: 'unknown', dirtyFiles: 0 };
  }
}

process.exitCode = await main();
