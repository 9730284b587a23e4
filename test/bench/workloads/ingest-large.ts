// Workload ingest-large (issue 11): the ingest workload's log-batch load (1,000 metrics per request,
// 4 in flight, one run per stream) measured back to back on a fresh store and on the big store
// (big-store.ts, 50,000 runs), with a longer window (30 s; quick 5 s) so that Sextant's periodic
// checkpoints fall inside it. Targets: ≥100× MLflow on both; Sextant's big-store rate within 20% of
// its fresh-store rate. Each server is its own process here (not the shared servers), started on
// the store, and its checkpoint log lines during the phase are counted.
import { startMlflow, startSextant } from '../../support/servers';
import { type BigStore, bigLabel, bigStore, checkpointLines, serveBig, stopTimed, verifyBig } from '../big-store';
import { type BenchContext, type BenchTarget, type WorkloadResult } from '../context';
import { clientBoundNote } from '../cpu';
import { HttpClient } from '../http';
import { errorNote } from '../load';
import { type Row } from '../report';
import { type IngestResult, ingestPhase } from './ingest';

interface Phase extends IngestResult {
  checkpoints: number;
  checkpointLines: string[];
  /** SIGTERM → exit right after the phase (its writes still to checkpoint). */
  closeMs: number;
}

interface IngestLargeResult {
  fresh: Phase;
  large: Phase;
  largeOverFreshPct: number;
  verified: string;
}

async function phase(ctx: BenchContext, kind: 'mlflow' | 'sextant', store: BigStore | undefined): Promise<Phase> {
  const label = kind === 'mlflow' ? 'MLflow' : 'Sextant';
  const server = store ? await serveBig(ctx, store) : kind === 'mlflow' ? await startMlflow() : await startSextant();
  ctx.adopt(server);
  const t: BenchTarget = { kind, label: `${label} (${store ? 'big' : 'fresh'} store)`, server, http: new HttpClient(server.url, 32) };
  try {
    if (store) await verifyBig(ctx, store, t.http);
    const before = server.output().length;
    const r = await ingestPhase(t, ctx.opts.ingestLarge, ctx.log);
    const lines = checkpointLines(server.output().slice(before));
    t.http.close();
    const close = await stopTimed(server);
    ctx.log(`${t.label}: ${lines.length} checkpoint(s) during the phase; close after it ${close.ms.toFixed(0)} ms`);
    return { ...r, checkpoints: lines.length, checkpointLines: lines, closeMs: close.ms };
  } finally {
    t.http.close();
    await server.stop({ keepData: store !== undefined });
  }
}

export async function ingestLarge(ctx: BenchContext): Promise<WorkloadResult> {
  const out: { mlflow?: IngestLargeResult; sextant?: IngestLargeResult } = {};
  for (const kind of ['mlflow', 'sextant'] as const) {
    if (!(kind === 'mlflow' ? ctx.mlflowAvailable : ctx.sextantAvailable)) continue;
    try {
      const store = await bigStore(ctx, kind);
      const fresh = await phase(ctx, kind, undefined);
      const large = await phase(ctx, kind, store);
      out[kind] = { fresh, large, largeOverFreshPct: (100 * large.pointsPerSec) / fresh.pointsPerSec, verified: store.verified ?? '' };
    } catch (e) {
      ctx.note(`ingest-large: ${kind} failed: ${(e as Error).message.split('\n')[0]}`);
      ctx.log((e as Error).stack ?? String(e));
    }
  }
  const { mlflow: m, sextant: s } = out;
  const o = ctx.opts.ingestLarge;
  const size = bigLabel(ctx.opts.big.runs);
  const what = `log-batch ${(o.keys * o.stepsPerBatch).toLocaleString('en-US')} pts/req, ${o.concurrency} in flight, ${o.durationMs / 1000} s`;
  const note = (p: Phase | undefined, checkpoints: boolean) => {
    if (!p) return undefined;
    const parts = [errorNote(p), clientBoundNote(p.cpu), checkpoints ? `${p.checkpoints} checkpoint(s) in the window` : undefined].filter(Boolean);
    return parts.join('; ') || undefined;
  };
  const notes = (f: (x: IngestLargeResult) => Phase) => {
    const mNote = note(m && f(m), false);
    const sNote = note(s && f(s), true);
    return { ...(mNote ? { mlflowNote: mNote } : {}), ...(sNote ? { sextantNote: sNote } : {}) };
  };
  const rows: Row[] = [
    { workload: 'ingest-large', metric: `${what}: fresh store`, unit: 'points/s', better: 'higher', mlflow: m?.fresh.pointsPerSec, sextant: s?.fresh.pointsPerSec, target: { minRatio: 100 }, ...notes((x) => x.fresh) },
    { workload: 'ingest-large', metric: `${what}: ${size}`, unit: 'points/s', better: 'higher', mlflow: m?.large.pointsPerSec, sextant: s?.large.pointsPerSec, target: { minRatio: 100 }, ...notes((x) => x.large) },
    // MLflow's own large/fresh percentage is in the details (a ratio of two percentages means nothing)
    { workload: 'ingest-large', metric: `${size} ingest as % of the fresh store's`, unit: '%', better: 'higher', sextant: s?.largeOverFreshPct, target: { minSextant: 80 } },
    { workload: 'ingest-large', metric: `log-batch latency p99 on the ${size}`, unit: 'ms', better: 'lower', mlflow: m?.large.p99, sextant: s?.large.p99 },
    { workload: 'ingest-large', metric: `longest log-batch on the ${size}`, unit: 'ms', better: 'lower', mlflow: m?.large.max, sextant: s?.large.max },
    { workload: 'ingest-large', metric: `close right after ingest on the ${size}: SIGTERM → exit (1 sample)`, unit: 'ms', better: 'lower', mlflow: m?.large.closeMs, sextant: s?.large.closeMs, target: { maxSextant: 2000 } },
  ];
  return { rows, details: { ...out } };
}
