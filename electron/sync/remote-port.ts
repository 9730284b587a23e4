import type { OpenStream } from './artifact-source';
import type { Query } from './remote-url';

/**
 * What the sync engine needs of a remote MLflow server: JSON calls under `/api/2.0/mlflow/`
 * (errors are RemoteErrors carrying MLflow's `errorCode`) and streamed artifact uploads through
 * its artifact proxy. RemoteClient implements it; tests may pass a fake.
 */
export interface RemotePort {
  get<T = unknown>(path: string, query?: Query, opts?: { signal?: AbortSignal }): Promise<T>;
  post<T = unknown>(path: string, body: unknown, opts?: { signal?: AbortSignal }): Promise<T>;
  patch<T = unknown>(path: string, body: unknown, opts?: { signal?: AbortSignal }): Promise<T>;
  delete<T = unknown>(path: string, body?: unknown, opts?: { signal?: AbortSignal }): Promise<T>;
  searchPages(endpoint: 'logged-models/search' | 'model-versions/search', request?: Record<string, unknown>, opts?: { signal?: AbortSignal }): AsyncGenerator<Record<string, unknown>>;
  uploadArtifact(remotePath: string, open: OpenStream, size: number, opts?: { signal?: AbortSignal }): Promise<unknown>;
}
