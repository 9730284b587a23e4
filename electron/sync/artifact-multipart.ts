import { type OpenStream } from './artifact-source';
import { putRange } from './artifact-put';
import { type CallOptions, type RemoteContext } from './remote-context';
import { RemoteError } from './remote-error';
import { callSite, jsonCall } from './remote-http';
import { encodeArtifactPath } from './remote-url';

/** S3's limit, which MLflow's presigned multipart inherits. */
const MAX_PARTS = 10_000;

interface Credential {
  url: string;
  part_number: number;
  headers?: Record<string, string>;
}

interface CreateAnswer {
  upload_id?: string;
  credentials?: Credential[];
}

/** The part size actually used: at least `partSize`, and large enough that at most 10,000 parts are needed. */
export const effectivePartSize = (size: number, partSize: number) => Math.max(partSize, Math.ceil(size / MAX_PARTS));

const isUnsupported = (err: unknown) =>
  err instanceof RemoteError && (err.status === 404 || err.status === 501 || err.errorCode === 'ENDPOINT_NOT_FOUND' || err.errorCode === 'NOT_IMPLEMENTED');

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once; the first failure cancels the rest. */
async function pool<T>(count: number, concurrency: number, signal: AbortSignal | undefined, task: (i: number, signal: AbortSignal) => Promise<T>): Promise<T[]> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const results: T[] = new Array<T>(count);
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < count) {
      const i = next++;
      try {
        results[i] = await task(i, stop.signal);
      } catch (err) {
        failure ??= { err };
        stop.abort(err);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw signal.reason;
  if (failure) throw failure.err;
  return results;
}

/**
 * MLflow's proxied multipart upload (`mpu/create` → PUT each part to the URL the server hands out
 * → `mpu/complete`; `mpu/abort` on failure). As MLflow's client does, the request names the
 * destination folder in the route and the file name in `path`. Each part streams from its own
 * range and is retried on its own. Answers 'unsupported' (nothing uploaded) when the server does
 * not offer multipart (404 / ENDPOINT_NOT_FOUND or 501 NOT_IMPLEMENTED to `mpu/create`), or when
 * the artifact sits at the root, which the route cannot name.
 */
export async function multipartUpload(ctx: RemoteContext, remotePath: string, open: OpenStream, size: number, opts: CallOptions = {}): Promise<'done' | 'unsupported'> {
  const cut = remotePath.replace(/\/+$/, '').lastIndexOf('/');
  if (cut <= 0) return 'unsupported';
  const dir = encodeArtifactPath(remotePath.slice(0, cut));
  const name = remotePath.slice(cut + 1);
  const partSize = effectivePartSize(size, ctx.partSize);
  const numParts = Math.max(1, Math.ceil(size / partSize));
  let created: CreateAnswer;
  try {
    created = await jsonCall<CreateAnswer>(ctx, 'POST', `api/2.0/mlflow-artifacts/mpu/create/${dir}`, { body: { path: name, num_parts: numParts } }, opts);
  } catch (err) {
    if (isUnsupported(err)) return 'unsupported';
    throw err;
  }
  const uploadId = created.upload_id ?? '';
  const abort = () =>
    jsonCall(ctx, 'POST', `api/2.0/mlflow-artifacts/mpu/abort/${dir}`, { body: { path: name, upload_id: uploadId } }, { retry: false, timeoutMs: 10_000 }).catch(() => undefined);
  try {
    const credentials = [...(created.credentials ?? [])].sort((a, b) => Number(a.part_number) - Number(b.part_number));
    if (credentials.length !== numParts) {
      const site = callSite(ctx, 'POST', `api/2.0/mlflow-artifacts/mpu/create/${dir}`);
      throw new RemoteError({ ...site, status: 200, errorCode: 'BAD_RESPONSE', retryable: false, mayHaveReachedServer: true,
        message: `${site.method} ${site.path}: asked for ${numParts} part URLs, got ${credentials.length}` });
    }
    const parts = await pool(numParts, ctx.partConcurrency, opts.signal, async (i, signal) => {
      const cred = credentials[i]!;
      const partNumber = Number(cred.part_number);
      const url = new URL(cred.url, `${ctx.url.base}/`);
      const start = (partNumber - 1) * partSize;
      const site = { method: 'PUT', path: `/api/2.0/mlflow-artifacts/mpu part ${partNumber}/${numParts} of ${remotePath}`, host: url.host };
      const headers = await putRange(
        ctx,
        { url: url.href, site, headers: { ...(cred.headers ?? {}) }, withAuth: url.origin === new URL(ctx.url.base).origin },
        open,
        { start, end: Math.min(size, start + partSize) },
        { ...opts, signal },
      );
      return { part_number: partNumber, etag: headers.get('etag') ?? '', url: cred.url };
    });
    await jsonCall(ctx, 'POST', `api/2.0/mlflow-artifacts/mpu/complete/${dir}`, { body: { path: name, upload_id: uploadId, parts } }, opts);
    return 'done';
  } catch (err) {
    await abort();
    throw err;
  }
}
