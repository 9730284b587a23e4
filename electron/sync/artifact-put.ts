import { meterStream } from './byte-meter';
import { type ByteRange, type OpenStream } from './artifact-source';
import { attemptOptions, type CallOptions, type RemoteContext } from './remote-context';
import { type CallSite } from './remote-error';
import { requestHeaders, throwIfFailed } from './remote-http';
import { withRetries } from './retry-loop';

export interface PutTarget {
  url: string;
  /** What messages name: never a presigned URL's query (it holds a signature). */
  site: CallSite;
  headers: Record<string, string>;
  /** Send the remote's Authorization header (false for a presigned URL on another origin). */
  withAuth: boolean;
}

/**
 * Streams `range` of an artifact in one PUT with Content-Length, retried from a fresh stream.
 * The body is never buffered (`duplex: 'half'` streaming). A local read error, or a source that
 * gives more or fewer bytes than the range, fails at once without retry. Answers the response headers.
 */
export function putRange(ctx: RemoteContext, target: PutTarget, open: OpenStream, range: ByteRange, opts: CallOptions = {}): Promise<Headers> {
  const length = range.end - range.start;
  const headers = requestHeaders(ctx, { 'content-type': 'application/octet-stream', ...target.headers, 'content-length': String(length) }, target.withAuth);
  return withRetries(target.site, ctx.retry, attemptOptions(ctx, opts), async ({ signal, touch }) => {
    const meter = meterStream(open(range), length, touch, `${target.site.method} ${target.site.path}: the local source gave`);
    try {
      const res = await ctx.fetchImpl(target.url, { method: 'PUT', headers, body: meter.stream, duplex: 'half', signal, redirect: 'manual' } as RequestInit);
      await throwIfFailed(ctx, target.site, res);
      await res.text();
      return res.headers;
    } catch (err) {
      const local = meter.lengthError() ?? meter.sourceError();
      throw local ?? err;
    } finally {
      meter.destroy();
    }
  });
}
