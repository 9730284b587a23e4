import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_STATUS, MlflowError, invalidParam } from '../../shared/domain/mlflow-error';
import { stringifyMlflowJson } from './mlflow-json';

export const MAX_JSON_BODY = 32 * 1024 * 1024;

/** Reads a whole (JSON) request body, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_JSON_BODY): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(invalidParam(`Request body of ${declared} bytes exceeds the limit of ${limit} bytes.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(invalidParam(`Request body exceeds the limit of ${limit} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'cache-control': 'no-store' };

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : stringifyMlflowJson(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export { SECURITY_HEADERS };

/** Turns any failure into MLflow's error JSON; unexpected ones are logged and answered 500 without details. */
export function sendError(res: ServerResponse, err: unknown, log: (msg: string) => void): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
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
  log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
  sendJson(res, 500, { error_code: 'INTERNAL_ERROR', message: 'Internal server error; see the Sextant log.' });
}
