import type { ImportContext, Mode } from './import-context';
import type { SourcePoint, SourceRun } from './import-source';

/** Points per run.log op (one key each). */
const CHUNK = 10_000;

/** A point as compared: NaN equals NaN (String(NaN) is 'NaN'), -0 equals 0. */
const pointKey = (t: number, s: number, v: number) => `${t}|${s}|${v}`;

const seriesOf = (ctx: ImportContext, runId: string, key: string) => ctx.svc.store.ctx.series.forRun(runId).find((m) => m.key === key);

function localPoints(ctx: ImportContext, runId: string, key: string, upTo: number): Set<string> {
  const have = new Set<string>();
  const meta = seriesOf(ctx, runId, key);
  if (meta) ctx.svc.store.ctx.files.forEachChunk(meta, 0, upTo, (pts) => {
    for (let i = 0; i < pts.length; i += 3) have.add(pointKey(pts[i]!, pts[i + 1]!, pts[i + 2]!));
  });
  return have;
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * Which source points the store lacks. A previous import appended the source's points in the
 * source's order, so the history here normally starts with them: source and local points are
 * compared one by one, by number, while they agree, and once the local ones run out the rest is
 * new. At the first point that differs (a point logged here, or a source that changed order) the
 * rest is looked up among all the local points.
 */
class LocalHistory {
  private pos = 0;
  private aligned = true;
  private have: Set<string> | null = null;
  private readonly count: number;

  constructor(private ctx: ImportContext, private runId: string, private key: string) {
    this.count = seriesOf(ctx, runId, key)?.points ?? 0;
  }

  /** The points of `batch` not here yet. */
  missing(batch: SourcePoint[]): SourcePoint[] {
    let i = 0;
    if (this.aligned && this.pos < this.count) {
      const local = this.ctx.svc.store.ctx.files.readRaw(seriesOf(this.ctx, this.runId, this.key)!, this.pos, Math.min(batch.length, this.count - this.pos));
      const n = local.length / 3;
      while (i < n && same(local[i * 3]!, batch[i]!.timestamp) && same(local[i * 3 + 1]!, batch[i]!.step) && same(local[i * 3 + 2]!, batch[i]!.value)) i++;
      this.pos += i;
      if (i < n) this.aligned = false;
    }
    if (i === batch.length) return [];
    const rest = batch.slice(i);
    if (this.aligned) return rest; // every local point matched: the rest is new
    this.have ??= localPoints(this.ctx, this.runId, this.key, this.count);
    const out: SourcePoint[] = [];
    for (const p of rest) {
      const k = pointKey(p.timestamp, p.step, p.value);
      if (this.have.has(k)) continue;
      this.have.add(k);
      out.push(p);
    }
    return out;
  }
}

/**
 * Brings one metric history of a run in: the points the store lacks, compared by (timestamp,
 * step, value) with NaN equal to NaN (see LocalHistory), appended in the source's order in ops of
 * 10,000 points. `fresh`: the run is new here, so every point is new and nothing is read back.
 * Answers the points stored (in a dry run, the points to send: one the source logged twice
 * counts twice).
 */
export async function importHistory(ctx: ImportContext, run: SourceRun, key: string, mode: Mode, fresh: boolean): Promise<number> {
  const local = fresh ? null : new LocalHistory(ctx, run.runId, key);
  const { files } = ctx.svc.store.ctx;
  let pending: SourcePoint[] = [];
  let added = 0;
  const flush = async () => {
    if (!pending.length) return;
    if (mode === 'write') {
      const before = seriesOf(ctx, run.runId, key)?.points ?? 0;
      const pts = new Float64Array(pending.length * 3);
      pending.forEach((p, i) => pts.set([p.timestamp, p.step, p.value], i * 3));
      await ctx.svc.store.commit({ type: 'run.log', runId: run.runId, metrics: { keys: [key], keyIdx: new Array<number>(pending.length).fill(0), pts }, params: [], tags: [], time: ctx.svc.now() });
      // A point the source logged twice within one op is stored once (the store drops exact duplicates): count what was stored.
      added += (seriesOf(ctx, run.runId, key)?.points ?? 0) - before;
    } else added += pending.length;
    pending = [];
  };
  for await (const batch of ctx.source.history(run, key)) {
    const meta = seriesOf(ctx, run.runId, key);
    for (const p of local ? local.missing(batch) : batch) {
      // A point the source logged twice (MLflow's file store keeps both) that is here already; in-order points answer from the last one, without a read.
      if (meta && files.contains(meta, p.timestamp, p.step, p.value)) continue;
      pending.push(p);
      if (pending.length >= CHUNK) await flush();
    }
    if (ctx.signal?.aborted) break;
  }
  if (!ctx.signal?.aborted) await flush();
  return added;
}
