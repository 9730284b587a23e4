import fs from 'node:fs';
import { extname } from 'node:path';
import mime from 'mime-types';
import { UI_ASSET_POLICY, uiEntryPage } from '../server/ui-page';
import { locateAppFile } from './app-files';
import { APP_HOST } from './app-origin';

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });

/**
 * Answers one app:// request from the built renderer (out/renderer), read-only, with the same
 * page policy as browser mode: a CSP with a fresh script nonce, nosniff, no referrer. Paths go through the
 * traversal guard in app-files.ts; anything else is a 404.
 */
export function appResponder(rendererDir: string, log: (msg: string) => void): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await locateAppFile(rendererDir, url.pathname) : null;
    if (!file) {
      log(`app:// refused or missing: ${request.url.slice(0, 200)}`);
      return plain(404, 'Not found');
    }
    const headers = {
      'content-type': mime.contentType(extname(file)) || 'application/octet-stream',
      'content-security-policy': UI_ASSET_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    };
    if (extname(file) !== '.html') return new Response(request.method === 'HEAD' ? null : await fs.promises.readFile(file), { status: 200, headers });
    const page = uiEntryPage(await fs.promises.readFile(file, 'utf8'));
    return new Response(request.method === 'HEAD' ? null : page.body, { status: 200, headers: { ...headers, 'content-security-policy': page.policy } });
  };
}
