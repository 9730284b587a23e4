import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EventBus } from '../../events/event-bus';
import { dispatch, type Handlers } from '../../ipc/dispatch';
import { readBody, sendJson } from '../http-io';
import { serveUiFile } from '../static-ui';
import type { Routes } from '../router';

export interface BrowserModeOptions {
  handlers: Handlers;
  bus: EventBus;
  /** The per-launch secret every /rpc and /events request must carry as a Bearer token. */
  uiToken: string;
  rendererDir: string;
  log: (msg: string) => void;
}

/** Paths served by browser mode, which the MLflow API's own auth does not cover. */
export const isUiPath = (url: string) => url === '/' || url.startsWith('/assets/') || url.startsWith('/rpc/') || url === '/events' || url === '/index.html';

function hasUiToken(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
  const given = Buffer.from(match?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * Browser mode: the built UI, the contract over `POST /rpc/<method>` and its events as
 * server-sent events on `GET /events`. Every call needs the launch token; the Host and Origin
 * rules of the whole server apply before any of this runs.
 */
export function uiRoutes(routes: Routes, opts: BrowserModeOptions): void {
  const forbidden = { ok: false, error: { code: 'forbidden', message: 'Missing or wrong UI token: open the URL `sextant serve` printed.' } };
  routes.add('POST', '/rpc/:method', async ({ req, res, params }) => {
    if (!hasUiToken(req, opts.uiToken)) return sendJson(res, 401, forbidden);
    let input: unknown;
    try {
      input = JSON.parse((await readBody(req)) || '{}');
    } catch {
      return sendJson(res, 200, { ok: false, error: { code: 'bad_input', message: 'The request body is not JSON.' } });
    }
    sendJson(res, 200, await dispatch(opts.handlers, params.method ?? '', input, { transport: 'http' }, opts.log));
  });
  routes.add('GET', '/events', async ({ req, res }) => {
    if (!hasUiToken(req, opts.uiToken)) return sendJson(res, 401, forbidden);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = opts.bus.subscribe((msg) => res.write(`data: ${JSON.stringify(msg)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });
  for (const path of ['/', '/index.html', '/assets/*']) {
    routes.add('GET', path, async ({ req, res }) => serveUiFile(res, opts.rendererDir, (req.url ?? '/').split('?')[0]!));
  }
}
