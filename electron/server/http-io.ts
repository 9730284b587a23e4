import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_STATUS, MlflowError, invalidParam } from '../../shared/domain/mlflow-error';
import { ByteBudget } from './byte-budget';
import { JsonStream, JsonText } from './json-body';
import { type PullPiece, writeJsonStream } from './json/write-json-stream';
import { stringifyMlflowJson } from './mlflow-json';

export const MAX_JSON_BODY = 32 * 1024 * 1024;
/** Request bodies buffered at once, all servers of the process together (eight at the limit). */
export const MAX_BODY_BYTES_IN_FLIGHT = 8 * MAX_JSON_BODY;

const bodyBudget = new ByteBudget(MAX_BODY_BYTES_IN_FLIGHT);

/**
 * Reads a whole (JSON) request body, refusing more than `limit` bytes. An over-long body is
 * not read further: the error is answered and the connection closed once it is sent. Before
 * reading, the body's size (or the limit, when no Content-Length says) is reserved from the
 * process's budget of buffered bytes: many large bodies at once wait their turn (unread, so
 * TCP holds their senders back) instead of growing memory without bound.
 */
export async function readBody(req: IncomingMessage, limit = MAX_JSON_BODY, budget = bodyBudget): Promise<string> {
  const tooLong = () => invalidParam(`Request body exceeds the limit of ${limit} bytes.`);
  const announced = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  if (announced !== null && announced > limit) throw tooLong();
  const release = await budget.reserve(announced ?? limit).catch(() => {
    throw new MlflowError('TEMPORARILY_UNAVAILABLE', 'The server is busy reading other large requests; retry shortly.');
  });
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(tooLong());
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => reject(new Error('aborted'))); // no-op once settled
  }).finally(release);
}

const MAX_DISCARD = 256 * 1024 * 1024;

/**
 * After answering a request whose body was not read to the end: let the client finish sending
 * (discarding it, so it can read the answer rather than see a reset), up to a bound past which
 * the connection is dropped.
 */
function drainUnreadRequest(req: IncomingMessage): void {
  if (req.complete) return;
  let discarded = 0;
  req.on('data', (c: Buffer) => {
    discarded += c.length;
    if (discarded > MAX_DISCARD) req.socket.destroy();
  });
  req.resume();
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; sandbox",
};

/**
 * Answers JSON: a value (serialised in MLflow's wire format), JSON text as is, or a JsonStream
 * written piece by piece (the promise settles when it is written, or the client went away), each
 * piece pulled through `pull` when given.
 */
export async function sendJsonBody(res: ServerResponse, status: number, body: unknown, pull?: PullPiece): Promise<void> {
  if (body instanceof JsonStream) return writeJsonStream(res, status, { ...SECURITY_HEADERS, 'content-type': 'application/json' }, body.pieces, pull);
  sendJson(res, status, body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (body instanceof JsonStream) {
    sendJsonBody(res, status, body).catch(() => res.destroy());
    return;
  }
  const text = typeof body === 'string' ? body : body instanceof JsonText ? body.text : stringifyMlflowJson(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export { SECURITY_HEADERS };

const isClientGone = (err: unknown) => ['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE'].includes((err as NodeJS.ErrnoException)?.code ?? '') || (err as Error)?.message === 'aborted';

/** Turns any failure into MLflow's error JSON; unexpected ones are logged and answered 500 without details. */
export function sendError(req: IncomingMessage, res: ServerResponse, err: unknown, log: (msg: string) => void): void {
  if (res.headersSent || isClientGone(err)) {
    res.destroy();
    return;
  }
  drainUnreadRequest(req);
  if (err instanceof MlflowError) {
    sendJson(res, err.status, { error_code: err.code, message: err.message });
    return;
  }
  const name = (err as Error)?.name;
  if (name === 'StoreWriteError') {
    log(`store unavailable: ${(err as Error).message}`);
    sendJson(res, ERROR_STATUS.TEMPORARILY_UNAVAILABLE, { error_code: 'TEMPORARILY_UNAVAILABLE', message: (err as Error).message });
    return;
  }
  if (name === 'SeriesDamageError') {
    // A sealed series file that does not open: say which (its path and metric, never its bytes).
    log(`store damage: ${(err as Error).message}`);
    sendJson(res, 500, { error_code: 'INTERNAL_ERROR', message: (err as Error).message });
    return;
  }
  log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
  sendJson(res, 500, { error_code: 'INTERNAL_ERROR', message: 'Internal server error; see the Sextant log.' });
}
