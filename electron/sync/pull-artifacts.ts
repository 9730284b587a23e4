import { MlflowError } from '../../shared/domain/mlflow-error';
import { artifactsOf, resolveArtifactPath } from '../services/artifacts-service';
import type { ArtifactRef, ArtifactStore } from '../store/artifacts/artifact-store';
import { lazyArtifactsOf, recordedArtifacts } from '../store/sync/pull-repo';
import { chunksOf } from './log-batch';
import { planArtifacts, type ArtifactStep, type LocalEntry } from './pull-artifact-plan';
import { listRemoteTree, type Slots } from './pull-artifact-tree';
import type { PullRunContext } from './pull-context';
import { downloadPulledFile } from './lazy-download';
import { limited } from './pool';

export interface ArtifactPullResult {
  /** Files downloaded, or recorded to be downloaded on first open. */
  copied: number;
  /** Files removed here (or no longer listed) because the remote deleted them. */
  removed: number;
}

/** Listings of one owner's folders in flight when no shared slots are given. */
const OWNER_LISTINGS = 4;

/** Whose files a pull brings in line: a pulled run or logged model. */
export interface ArtifactOwner {
  /** The files' key in the store: the run id, or `model:<id>` for a logged model. */
  key: string;
  /** Its folder in the mlflow-artifacts namespace here. */
  localRoot: string;
  /** Its folder below mlflow-artifacts:/ on the remote ('' when the remote does not proxy its files). */
  remoteRoot: string;
  /** 'run' or 'model', for the problem reported when the remote does not proxy its files. */
  noun: 'run' | 'model';
}

/**
 * Brings the files of a pulled run or logged model in line with the remote's, from a complete listing of its
 * artifact tree (see pull-artifact-plan.ts): new and changed files downloaded (`eager`, which also
 * downloads the files earlier pulls left lazy) or recorded to download on first open (`lazy`);
 * files the remote deleted removed here when the copy here is the remote's, kept and reported
 * when it was changed or added here. Every step is recorded as it is applied, so an interrupted
 * pull run again finishes it. `slots` bounds the folder listings in flight (shared by a pull).
 */
export async function pullArtifacts(ctx: PullRunContext, owner: ArtifactOwner, item: string, slots: Slots = limited(OWNER_LISTINGS)): Promise<ArtifactPullResult> {
  const { svc, remote } = ctx;
  const runId = owner.key;
  const result: ArtifactPullResult = { copied: 0, removed: 0 };
  if (!owner.remoteRoot) {
    ctx.problem(item, `the remote keeps this ${owner.noun}'s artifacts where its artifact proxy does not serve them; start it with artifact proxying (mlflow server --serve-artifacts, the default) to pull them`);
    return result;
  }
  const files = await listRemoteTree((path, opts) => ctx.client.listArtifacts(path, opts), owner.remoteRoot, slots, ctx.signal);
  const db = svc.store.db;
  const recorded = recordedArtifacts(db, remote, runId);
  const lazy = new Map(lazyArtifactsOf(db, runId).filter((a) => a.remote === remote).map((a) => [a.path, a.size]));
  const root = owner.localRoot;
  const fileOf = (path: string) => resolveArtifactPath(svc, `${root}/${path}`);
  const artifacts = artifactsOf(svc);
  const local = new Map<string, LocalEntry>();
  for (const path of new Set([...files.map((f) => f.path), ...recorded.keys(), ...lazy.keys()])) {
    const st = await artifacts.stat(fileOf(path)).catch(() => null);
    if (st) local.set(path, st.isFile ? { size: st.size, mtime: Math.trunc(st.mtimeMs) } : 'dir');
  }
  const steps = planArtifacts({ remote: files, recorded, lazy, local, mode: ctx.artifacts });
  const gone: string[] = [];
  const forgetGone = async () => {
    if (!gone.length) return;
    await svc.store.commit({ type: 'artifact.gone', remote, runId, paths: gone.splice(0), time: svc.now() });
  };
  const toRecord: { path: string; size: number }[] = [];
  for (const step of steps) {
    if (ctx.signal?.aborted) return result;
    switch (step.kind) {
      case 'download': {
        const size = await downloadPulledFile(svc, ctx.client, { remote, owner: runId, path: step.path, localRoot: root, remoteRoot: owner.remoteRoot }, ctx.signal).catch((err: unknown) => {
          if (!(err instanceof MlflowError)) throw err;
          ctx.problem(item, `artifact '${step.path}' was not copied: ${err.message}`); // the store refused it (a file where its folder goes): the others go on
          return null;
        });
        if (size === null) break;
        ctx.copied(0, size);
        result.copied++;
        break;
      }
      case 'lazy':
        toRecord.push({ path: step.path, size: step.size });
        break;
      case 'adopt':
        await svc.store.commit({ type: 'artifact.local', remote, runId, path: step.path, size: step.size, mtime: step.mtime, time: svc.now() });
        break;
      case 'remove':
        // The file goes first: killed before the record, the next pull finds the record and nothing here, and forgets it.
        if (await stillAsPlanned(artifacts, fileOf(step.path), step)) {
          await artifacts.delete(fileOf(step.path));
          await artifacts.removeEmptyFolders(fileOf(step.path), resolveArtifactPath(svc, root));
          result.removed++;
        } else {
          ctx.problem(item, `artifact '${step.path}' was deleted on the remote, but changed here while it was pulled; kept this one (the next push sends it back)`);
        }
        gone.push(step.path);
        break;
      case 'forget':
        gone.push(step.path);
        if (lazy.has(step.path)) result.removed++; // no longer listed here
        break;
      case 'clash':
        ctx.problem(item, `artifact '${step.path}' ${step.why}`);
        if (step.forget) gone.push(step.path);
        break;
    }
    if (gone.length >= 1000) await forgetGone();
  }
  await forgetGone();
  for (const batch of chunksOf(toRecord, 1000)) {
    await svc.store.commit({ type: 'artifact.lazy', remote, runId, files: batch, time: svc.now() });
    result.copied += batch.length;
  }
  return result;
}

/** The file is still the one planned for removal (nobody wrote it since it was looked at). */
async function stillAsPlanned(artifacts: ArtifactStore, file: ArtifactRef, step: Extract<ArtifactStep, { kind: 'remove' }>): Promise<boolean> {
  const st = await artifacts.stat(file).catch(() => null);
  return st !== null && st.isFile && st.size === step.size && Math.trunc(st.mtimeMs) === step.mtime;
}
