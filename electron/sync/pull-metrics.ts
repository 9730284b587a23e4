import type { Metric } from '../../shared/domain/tracking';
import type { SeriesMeta } from '../store/series-meta';
import { pushedRun } from '../store/sync/sync-repo';
import type { PullRunContext } from './pull-context';
import type { MetricPoint } from './remote-paging';

/** Points per run.log op (one key each). */
const CHUNK = 10_000;

const pointKey = (t: number, s: number, v: number) => `${t}|${s}|${v}`;

function localPoints(ctx: PullRunContext, meta: SeriesMeta | undefined): Float64Array[] {
  const chunks: Float64Array[] = [];
  if (meta) ctx.svc.store.ctx.files.forEachChunk(meta, 0, meta.points, (pts) => chunks.push(pts));
  return chunks;
}

const seriesOf = (ctx: PullRunContext, runId: string, key: string) => ctx.svc.store.ctx.series.forRun(runId).find((m) => m.key === key);

/**
 * Copies the full history of every metric of a remote run. MLflow's get-history answers the whole
 * history, so only the points the store lacks are appended (exact duplicates would be stored once
 * anyway). What the remote has is then recorded as the count of local points, in append order,
 * up to the first one the remote lacks (a point logged here), so a push sends local points only.
 * Answers the points appended.
 */
export async function pullMetrics(ctx: PullRunContext, runId: string, latest: Metric[]): Promise<number> {
  const recorded = pushedRun(ctx.svc.store.db, ctx.remote, runId).series;
  let added = 0;
  for (const key of [...new Set(latest.map((m) => m.key))].sort()) {
    if (ctx.signal?.aborted) return added;
    const remote = await ctx.client.metricHistory(runId, key, { signal: ctx.signal });
    const base = recorded.get(key) ?? 0;
    const before = seriesOf(ctx, runId, key)?.points ?? 0;
    if (base === remote.length && before === base) continue; // nothing new on either side
    const have = new Set<string>();
    for (const pts of localPoints(ctx, seriesOf(ctx, runId, key))) for (let i = 0; i < pts.length; i += 3) have.add(pointKey(pts[i]!, pts[i + 1]!, pts[i + 2]!));
    const fresh: MetricPoint[] = [];
    for (const p of remote) {
      const k = pointKey(p.timestamp, p.step, p.value);
      if (!have.has(k)) {
        have.add(k);
        fresh.push(p);
      }
    }
    for (let at = 0; at < fresh.length; at += CHUNK) {
      const part = fresh.slice(at, at + CHUNK);
      const pts = new Float64Array(part.length * 3);
      part.forEach((p, i) => pts.set([p.timestamp, p.step, p.value], i * 3));
      await ctx.svc.store.commit({ type: 'run.log', runId, metrics: { keys: [key], keyIdx: new Array<number>(part.length).fill(0), pts }, params: [], tags: [], time: ctx.svc.now() });
      ctx.copied(part.length, 0);
    }
    added += fresh.length;
    const synced = syncedPrefix(localPoints(ctx, seriesOf(ctx, runId, key)), new Set(remote.map((p) => pointKey(p.timestamp, p.step, p.value))));
    if (synced !== base) await ctx.record([{ kind: 'series', runId, key, points: synced }]);
  }
  return added;
}

/** How many local points, in append order, come before the first one the remote lacks. */
export function syncedPrefix(local: Float64Array[], remote: ReadonlySet<string>): number {
  let n = 0;
  for (const pts of local) {
    for (let i = 0; i < pts.length; i += 3) {
      if (!remote.has(pointKey(pts[i]!, pts[i + 1]!, pts[i + 2]!))) return n;
      n++;
    }
  }
  return n;
}
