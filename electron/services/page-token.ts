import { invalidParam } from '../../shared/domain/mlflow-error';

/** Opaque page tokens, as MLflow's SQL store makes them: base64 of {"offset": n}. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset;
  } catch {
    offset = undefined;
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalidParam(`Invalid page token, could not base64-decode: '${token.slice(0, 64)}'`);
  return offset;
}

/** Cuts one page out of `total` items: the slice bounds and the token for the next page, if any. */
export function page(total: number, maxResults: number, pageToken: string | undefined): { start: number; end: number; next?: string } {
  const start = decodePageToken(pageToken);
  const end = Math.min(total, start + maxResults);
  return end < total ? { start, end, next: encodePageToken(end) } : { start, end };
}
