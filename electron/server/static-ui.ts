import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import mime from 'mime-types';
import { sendJson } from './http-io';
import { UI_ASSET_POLICY, uiEntryPage } from './ui-page';

const notFound = (res: ServerResponse, message: string) => sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message });

/** Serves a file of the built renderer (out/renderer), confined to that folder. */
export async function serveUiFile(res: ServerResponse, rendererDir: string, urlPath: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return notFound(res, 'Not found');
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(rendererDir, rel);
  if (rel.startsWith('..') || !file.startsWith(rendererDir + sep)) return notFound(res, 'Not found');
  const st = await stat(file).catch(() => null);
  if (!st?.isFile()) return notFound(res, `No UI file ${urlPath.slice(0, 200)} (is the renderer built? run npm run build)`);
  const headers = {
    'content-type': mime.contentType(extname(file)) || 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
  };
  if (rel === 'index.html') {
    const page = uiEntryPage(await readFile(file, 'utf8'));
    res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(page.body), 'content-security-policy': page.policy, 'cache-control': 'no-store' });
    res.end(page.body);
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': st.size, 'content-security-policy': UI_ASSET_POLICY, 'cache-control': 'max-age=31536000, immutable' });
  createReadStream(file).pipe(res);
}
