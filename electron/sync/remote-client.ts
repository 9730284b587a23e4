import { type ArtifactEntry, downloadArtifact, listArtifacts, uploadArtifact, type UploadResult, walkArtifacts, type WriteTo } from './artifact-transfer';
import { type OpenStream } from './artifact-source';
import { type CallOptions, createRemoteContext, type RemoteClientOptions, type RemoteContext } from './remote-context';
import { jsonCall, type JsonObject, textCall } from './remote-http';
import { type MetricPoint, metricHistoryPages, type SearchEndpoint, searchPages } from './remote-paging';
import { type Query } from './remote-url';

export type { CallOptions, RemoteClientOptions } from './remote-context';
export type { JsonObject } from './remote-http';

const mlflowPath = (path: string) => `api/2.0/mlflow/${path.replace(/^\/+/, '')}`;

/**
 * A client of one remote MLflow tracking server. JSON calls take paths below `/api/2.0/mlflow/`
 * (`runs/create`); answers are not validated here. Every call can be cancelled (`signal`), is
 * retried on network errors and 408/429/5xx unless `retry: false`, and fails with a RemoteError.
 */
export class RemoteClient {
  readonly ctx: RemoteContext;

  constructor(opts: RemoteClientOptions) {
    this.ctx = createRemoteContext(opts);
  }

  /** The remote's base URL (with its prefix, without a trailing slash). */
  get baseUrl(): string {
    return this.ctx.url.base;
  }

  get<T = JsonObject>(path: string, query?: Query, opts?: CallOptions): Promise<T> {
    return jsonCall<T>(this.ctx, 'GET', mlflowPath(path), query ? { query } : {}, opts);
  }

  post<T = JsonObject>(path: string, body: unknown = {}, opts?: CallOptions): Promise<T> {
    return jsonCall<T>(this.ctx, 'POST', mlflowPath(path), { body }, opts);
  }

  patch<T = JsonObject>(path: string, body: unknown = {}, opts?: CallOptions): Promise<T> {
    return jsonCall<T>(this.ctx, 'PATCH', mlflowPath(path), { body }, opts);
  }

  /** DELETE with a JSON body, as MLflow's registry deletes expect. */
  delete<T = JsonObject>(path: string, body?: unknown, opts?: CallOptions): Promise<T> {
    return jsonCall<T>(this.ctx, 'DELETE', mlflowPath(path), body === undefined ? {} : { body }, opts);
  }

  /** Any JSON route below the base URL, e.g. `call('GET', 'api/3.0/mlflow/server-info')`. */
  call<T = JsonObject>(method: string, apiPath: string, req: { query?: Query; body?: unknown } = {}, opts?: CallOptions): Promise<T> {
    return jsonCall<T>(this.ctx, method, apiPath, req, opts);
  }

  /** `GET /api/3.0/mlflow/server-info` (404 from MLflow 2.x servers). */
  serverInfo(opts?: CallOptions): Promise<JsonObject> {
    return jsonCall(this.ctx, 'GET', 'api/3.0/mlflow/server-info', {}, opts);
  }

  /** `GET /version`: the server's MLflow version as plain text, for "test connection". */
  serverVersion(opts?: CallOptions): Promise<string> {
    return textCall(this.ctx, 'version', opts);
  }

  /** Pages of a search endpoint, following `next_page_token` to the end. */
  searchPages(endpoint: SearchEndpoint, request?: Record<string, unknown>, opts?: CallOptions): AsyncGenerator<JsonObject> {
    return searchPages(this.ctx, endpoint, request, opts);
  }

  /** Pages of a metric's full history (`max_results=25000` always sent). */
  metricHistoryPages(runId: string, key: string, opts?: CallOptions): AsyncGenerator<MetricPoint[]> {
    return metricHistoryPages(this.ctx, runId, key, opts);
  }

  /** A metric's full history in one array. */
  async metricHistory(runId: string, key: string, opts?: CallOptions): Promise<MetricPoint[]> {
    const points: MetricPoint[] = [];
    for await (const page of metricHistoryPages(this.ctx, runId, key, opts)) points.push(...page);
    return points;
  }

  /** Streams an artifact to `<artifacts root>/<remotePath>` (multipart for large files when offered). */
  uploadArtifact(remotePath: string, open: OpenStream, size: number, opts?: CallOptions): Promise<UploadResult> {
    return uploadArtifact(this.ctx, remotePath, open, size, opts);
  }

  /** Streams `<artifacts root>/<remotePath>` into `writeTo` (called again from the start on a retry). */
  downloadArtifact(remotePath: string, writeTo: WriteTo, opts?: CallOptions): Promise<{ bytes: number }> {
    return downloadArtifact(this.ctx, remotePath, writeTo, opts);
  }

  listArtifacts(remotePath: string, opts?: CallOptions): Promise<ArtifactEntry[]> {
    return listArtifacts(this.ctx, remotePath, opts);
  }

  walkArtifacts(remotePath: string, opts?: CallOptions): AsyncGenerator<ArtifactEntry> {
    return walkArtifacts(this.ctx, remotePath, opts);
  }
}
