import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EventMessage } from '../../../shared/ipc/contract';
import { dispatch, type Handlers } from '../../ipc/dispatch';
import { readBody, sendJson } from '../http-io';
import { serveUiFile } from '../static-ui';
import type { Routes } from '../router';
import type { HandoffCodes } from './handoff-codes';

export interface BrowserModeOptions {
  handlers: Handlers;
  /** The contract's events (stays the same object while the store closes and reopens). */
  bus: { subscribe(listener: (msg: EventMessage) => void): () => void };
  /** The per-launch secret every /rpc and /events request must carry as a Bearer token. */
  uiToken: string;
  /** One-time codes the desktop app puts in the URL it opens, exchanged at `POST /ui/handoff`. */
  handoff: HandoffCodes;
  rendererDir: string;
  log: (msg: string) => void;
}

export const HANDOFF_PATH = '/ui/handoff';
const MAX_HANDOFF_BODY = 1024;

/** Paths served by browser mode, which the MLflow API's own auth does not cover. */
export const isUiPath = (url: string) => url === '/' || url.startsWith('/assets/') || url.startsWith('/rpc/') || url === '/events' || url === '/index.html' || url === HANDOFF_PATH;

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
    const body = await readBody(req);
    let input: unknown;
    try {
      input = await routes.turns.run('rpc (parse)', body.length, () => JSON.parse(body || '{}') as unknown);
    } catch {
      return sendJson(res, 200, { ok: false, error: { code: 'bad_input', message: 'The request body is not JSON.' } });
    }
    // the call and its answer as work of fair turns (WorkTurns), each method measured on its own
    const method = params.method ?? '';
    const connection = { remoteAddress: req.socket.remoteAddress ?? '', localAddress: req.socket.localAddress ?? '' };
    const out = await routes.turns.run(`rpc ${method}`, body.length, () => dispatch(opts.handlers, method, input, { transport: 'http', connection }, opts.log));
    await routes.turns.run(`rpc ${method} (answer)`, 0, () => sendJson(res, 200, out));
  });
  // A one-time code for the token: answered once, within a minute of the code being made.
  const staleLink = { ok: false, error: { code: 'forbidden', message: 'This sign-in link was already used or has expired; open a fresh one from Sextant.' } };
  routes.add('POST', HANDOFF_PATH, async ({ req, res }) => {
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, { ok: false, error: { code: 'bad_input', message: 'Expected application/json.' } });
    }
    const body = await readBody(req, MAX_HANDOFF_BODY); // over the limit: the router answers 400
    let code: unknown;
    try {
      code = (JSON.parse(body) as { code?: unknown } | null)?.code;
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'bad_input', message: 'The request body is not JSON.' } });
    }
    if (typeof code !== 'string' || !opts.handoff.redeem(code)) return sendJson(res, 401, staleLink);
    sendJson(res, 200, { token: opts.uiToken });
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
