import type { ImportContext, Mode } from './import-context';
import type { SourcePoint, SourceRun } from './import-source';

/** Points per run.log op (one key each). */
const CHUNK = 10_000;

/** A point as compared: NaN equals NaN (String(NaN) is 'NaN'), -0 equals 0. */
const pointKey = (t: number, s: number, v: number) => `${t}|${s}|${v}`;

function localPoints(ctx: ImportContext, runId: string, key: string): Set<string> {
  const have = new Set<string>();
  const meta = ctx.svc.store.ctx.series.forRun(runId).find((m) => m.key === key);
  if (meta) ctx.svc.store.ctx.files.forEachChunk(meta, 0, meta.points, (pts) => {
    for (let i = 0; i < pts.length; i += 3) have.add(pointKey(pts[i]!, pts[i + 1]!, pts[i + 2]!));
  });
  return have;
}

/**
 * Brings one metric history of a run in: the points the store lacks, compared by (timestamp,
 * step, value), appended in the source's order in ops of 10,000 points. `fresh`: the run is new
 * here, so every point is new and nothing is read back. Answers the points added (or to add).
 */
export async function importHistory(ctx: ImportContext, run: SourceRun, key: string, mode: Mode, fresh: boolean): Promise<number> {
  const have = fresh ? null : localPoints(ctx, run.runId, key);
  let pending: SourcePoint[] = [];
  let added = 0;
  const flush = async () => {
    if (!pending.length) return;
    added += pending.length;
    if (mode === 'write') {
      const pts = new Float64Array(pending.length * 3);
      pending.forEach((p, i) => pts.set([p.timestamp, p.step, p.value], i * 3));
      await ctx.svc.store.commit({ type: 'run.log', runId: run.runId, metrics: { keys: [key], keyIdx: new Array<number>(pending.length).fill(0), pts }, params: [], tags: [], time: ctx.svc.now() });
    }
    pending = [];
  };
  for await (const batch of ctx.source.history(run, key)) {
    for (const p of batch) {
      if (have) {
        const k = pointKey(p.timestamp, p.step, p.value);
        if (have.has(k)) continue;
        have.add(k);
      }
      pending.push(p);
      if (pending.length >= CHUNK) await flush();
    }
    if (ctx.signal?.aborted) break;
  }
  if (!ctx.signal?.aborted) await flush();
  return added;
}
