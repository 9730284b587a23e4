import { stat } from 'node:fs/promises';
import { resolveArtifactPath, runArtifactRoot } from '../services/artifacts-service';
import { lazyArtifactsOf, type PulledRun } from '../store/sync/pull-repo';
import { pushedRun } from '../store/sync/sync-repo';
import { chunksOf } from './log-batch';
import type { PullRunContext } from './pull-context';
import { downloadPulledFile } from './lazy-download';

/**
 * Copies the files of a remote run: downloaded (`eager`) or recorded with their size to be
 * downloaded on first open (`lazy`). A file here that the last sync recorded and nobody changed is
 * left alone; one changed here is kept (the next push sends it), one changed on both sides is
 * reported. Files deleted on the remote are kept here. Answers the files copied or recorded.
 */
export async function pullArtifacts(ctx: PullRunContext, pulled: PulledRun, item: string): Promise<number> {
  const { svc, remote } = ctx;
  const runId = pulled.runId;
  if (!pulled.artifactRoot) {
    ctx.problem(item, "the remote keeps this run's artifacts where its artifact proxy does not serve them; start it with artifact proxying (mlflow server --serve-artifacts, the default) to pull them");
    return 0;
  }
  const db = svc.store.db;
  const recorded = pushedRun(db, remote, runId).artifacts;
  const lazy = new Map(lazyArtifactsOf(db, runId).map((a) => [a.path, a]));
  const root = runArtifactRoot(svc, runId);
  const toRecord: { path: string; size: number }[] = [];
  let copied = 0;
  const download = async (path: string) => {
    const size = await downloadPulledFile(svc, ctx.client, { remote, runId, path, remoteRoot: pulled.artifactRoot }, ctx.signal);
    ctx.copied(0, size);
    copied++;
  };
  for await (const entry of ctx.client.walkArtifacts(pulled.artifactRoot, { signal: ctx.signal })) {
    if (ctx.signal?.aborted) break;
    const path = entry.path.slice(pulled.artifactRoot.length + 1);
    const size = entry.size ?? 0;
    const rec = recorded.get(path);
    const st = await stat(resolveArtifactPath(svc, `${root}/${path}`)).catch(() => null);
    const clash = () => ctx.problem(item, `artifact '${path}' differs here from the remote's copy, and both changed since the last sync; kept this one`);
    if (st?.isFile()) {
      const mtime = Math.trunc(st.mtimeMs);
      if (!rec || lazy.has(path)) {
        // Downloaded but not yet recorded (an interrupted pull or first open), or a file made here.
        if (st.size === size) await svc.store.commit({ type: 'artifact.local', remote, runId, path, size, mtime, time: svc.now() });
        else clash();
      } else if (rec.size === st.size && rec.mtime === mtime) {
        if (size !== rec.size) await download(path); // changed on the remote only
      } else if (size !== rec.size) clash(); // changed here (kept, pushed next time) and there
    } else if (st) {
      clash(); // a folder here where the remote has a file
    } else if (lazy.has(path) && lazy.get(path)!.size === size && ctx.artifacts === 'lazy') {
      continue; // still to be downloaded on first open
    } else if (rec && !lazy.has(path) && rec.size === size) {
      continue; // deleted here since the last sync: kept deleted
    } else if (ctx.artifacts === 'eager') {
      await download(path);
    } else {
      toRecord.push({ path, size });
    }
  }
  for (const files of chunksOf(toRecord, 1000)) {
    await svc.store.commit({ type: 'artifact.lazy', remote, runId, files, time: svc.now() });
    copied += files.length;
  }
  return copied;
}
