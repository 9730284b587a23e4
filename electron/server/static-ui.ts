import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import mime from 'mime-types';
import { sendJson } from './http-io';

/** The UI's page policy: only our own scripts, styles inline (echarts), no plugins, no framing. */
export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Serves a file of the built renderer (out/renderer), confined to that folder. */
export async function serveUiFile(res: ServerResponse, rendererDir: string, urlPath: string): Promise<void> {
  const rel = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(/^([/\\])+/, '');
  const file = join(rendererDir, rel);
  if (rel.startsWith('..') || !file.startsWith(rendererDir + sep)) return sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: 'Not found' });
  const st = await stat(file).catch(() => null);
  if (!st?.isFile()) return sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No UI file ${urlPath.slice(0, 200)} (is the renderer built? run npm run build)` });
  res.writeHead(200, {
    'content-type': mime.contentType(extname(file)) || 'application/octet-stream',
    'content-length': st.size,
    'content-security-policy': UI_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': rel === 'index.html' ? 'no-cache' : 'max-age=31536000, immutable',
  });
  createReadStream(file).pipe(res);
}
