import { Readable } from 'node:stream';
import { type ReadableStream as NodeReadableStream } from 'node:stream/web';
import { meterStream } from './byte-meter';
import { multipartUpload } from './artifact-multipart';
import { putRange } from './artifact-put';
import { type OpenStream } from './artifact-source';
import { attemptOptions, type CallOptions, type RemoteContext } from './remote-context';
import { RemoteError } from './remote-error';
import { callSite, jsonCall, requestHeaders, throwIfFailed } from './remote-http';
import { buildUrl, encodeArtifactPath } from './remote-url';
import { withRetries } from './retry-loop';

const ARTIFACTS = 'api/2.0/mlflow-artifacts/artifacts';

export interface UploadResult {
  method: 'put' | 'multipart';
}

/**
 * Uploads `size` bytes to `<artifacts root>/<remotePath>` through MLflow's artifact proxy. Files of
 * at least `multipartThreshold` bytes go multipart when the server offers it, otherwise (and for
 * smaller files) one streamed PUT. Nothing is held in memory beyond stream chunks.
 */
export async function uploadArtifact(ctx: RemoteContext, remotePath: string, open: OpenStream, size: number, opts: CallOptions = {}): Promise<UploadResult> {
  if (size >= ctx.multipartThreshold && (await multipartUpload(ctx, remotePath, open, size, opts)) === 'done') {
    return { method: 'multipart' };
  }
  const apiPath = `${ARTIFACTS}/${encodeArtifactPath(remotePath)}`;
  await putRange(ctx, { url: buildUrl(ctx.url.base, apiPath), site: callSite(ctx, 'PUT', apiPath), headers: {}, withAuth: true }, open, { start: 0, end: size }, opts);
  return { method: 'put' };
}

/**
 * Consumes a download stream, e.g. `(s) => pipeline(s, createWriteStream(tmp))`. Called again with
 * a fresh stream from the first byte when an attempt is cut, so it must start its output over.
 */
export type WriteTo = (stream: Readable) => Promise<void>;

/**
 * Streams `<artifacts root>/<remotePath>` into `writeTo`, retrying (from the start) when the answer
 * is cut; an error of `writeTo` itself (disk full) fails at once. Answers the byte count.
 */
export function downloadArtifact(ctx: RemoteContext, remotePath: string, writeTo: WriteTo, opts: CallOptions = {}): Promise<{ bytes: number }> {
  const apiPath = `${ARTIFACTS}/${encodeArtifactPath(remotePath)}`;
  const site = callSite(ctx, 'GET', apiPath);
  const url = buildUrl(ctx.url.base, apiPath);
  return withRetries(site, ctx.retry, attemptOptions(ctx, opts), async ({ signal, touch }) => {
    const res = await ctx.fetchImpl(url, { method: 'GET', headers: requestHeaders(ctx), signal, redirect: 'manual' });
    await throwIfFailed(ctx, site, res);
    const declared = res.headers.get('content-encoding') ? null : res.headers.get('content-length');
    const source = res.body ? Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
    const meter = meterStream(source, declared === null ? undefined : Number(declared), touch, `${site.method} ${site.path}: the answer had`);
    try {
      await writeTo(meter.stream);
    } catch (err) {
      const cut = meter.sourceError();
      if (cut) throw cut;
      const short = meter.lengthError();
      if (short) throw new RemoteError({ ...site, status: res.status, errorCode: 'TRUNCATED', message: short.message, retryable: true, mayHaveReachedServer: false });
      throw err;
    } finally {
      meter.destroy();
    }
    if (!meter.finished()) throw new Error(`${site.method} ${site.path}: the download was not read to its end`);
    return { bytes: meter.bytes() };
  });
}

export interface ArtifactEntry {
  /** Full path below the artifacts root (`remotePath` joined with the entry's name). */
  path: string;
  isDir: boolean;
  size?: number;
}

/**
 * One folder of the artifact proxy (`GET artifacts?path=`). MLflow answers bare names; they are
 * joined to `remotePath` here, and a name that would leave the folder ('..', '/') is refused.
 */
export async function listArtifacts(ctx: RemoteContext, remotePath: string, opts: CallOptions = {}): Promise<ArtifactEntry[]> {
  const dir = remotePath.replace(/^\/+|\/+$/g, '');
  const answer = await jsonCall<{ files?: { path: string; is_dir?: boolean; file_size?: number | string }[] }>(ctx, 'GET', ARTIFACTS, { query: { path: dir } }, opts);
  return (answer.files ?? []).map((f) => {
    if (typeof f.path !== 'string' || f.path === '' || f.path === '.' || f.path === '..' || f.path.includes('/') || f.path.includes('\\')) {
      const site = callSite(ctx, 'GET', ARTIFACTS);
      throw new RemoteError({ ...site, status: 200, errorCode: 'BAD_RESPONSE', retryable: false, mayHaveReachedServer: false,
        message: `${site.method} ${site.path}: unsafe artifact name ${JSON.stringify(f.path)} in ${dir || '(root)'}` });
    }
    const entry: ArtifactEntry = { path: dir ? `${dir}/${f.path}` : f.path, isDir: f.is_dir === true };
    if (f.file_size !== undefined) entry.size = Number(f.file_size);
    return entry;
  }).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Every file below `remotePath`, depth first, folder by folder. */
export async function* walkArtifacts(ctx: RemoteContext, remotePath: string, opts: CallOptions = {}): AsyncGenerator<ArtifactEntry> {
  for (const entry of await listArtifacts(ctx, remotePath, opts)) {
    if (entry.isDir) yield* walkArtifacts(ctx, entry.path, opts);
    else yield entry;
  }
}
