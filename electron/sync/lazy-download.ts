import { artifactsOf, resolveArtifactPath } from '../services/artifacts-service';
import type { ServiceContext } from '../services/service-context';
import type { RemoteClient } from './remote-client';

/** The remote run's or logged model's artifact path below mlflow-artifacts:/, or '' when the remote does not proxy its artifacts. */
export const remoteArtifactRoot = (artifactUri: string) => /^mlflow-artifacts:\/*(.*?)\/*$/.exec(artifactUri)?.[1] ?? '';

/** One pulled file: its owner (a run id, or `model:<id>` for a logged model), its path in the owner's folder, and both roots. */
export interface PulledFile {
  remote: string;
  owner: string;
  path: string;
  /** The owner's folder in the mlflow-artifacts namespace here. */
  localRoot: string;
  /** The owner's folder below mlflow-artifacts:/ on the remote. */
  remoteRoot: string;
}

/**
 * Downloads one file of a pulled run or logged model into the store, streamed and written durably (temp file,
 * fsync, rename: a reader never sees half a file, a cut download leaves nothing), then records
 * through the one writer that the file is local (`artifact.local`). Answers its size.
 */
export async function downloadPulledFile(
  svc: ServiceContext,
  client: Pick<RemoteClient, 'downloadArtifact'>,
  file: PulledFile,
  signal?: AbortSignal,
): Promise<number> {
  const local = resolveArtifactPath(svc, `${file.localRoot}/${file.path}`, { file: true });
  await client.downloadArtifact(`${file.remoteRoot}/${file.path}`, (stream) => artifactsOf(svc).write(local, stream), { signal });
  const st = await artifactsOf(svc).stat(local);
  if (!st) throw new Error(`artifact '${file.path}' is gone right after it was downloaded`);
  await svc.store.commit({ type: 'artifact.local', remote: file.remote, runId: file.owner, path: file.path, size: st.size, mtime: Math.trunc(st.mtimeMs), time: svc.now() });
  return st.size;
}
