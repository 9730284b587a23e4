import type { IncomingMessage, ServerResponse } from 'node:http';
import createRouter, { type HTTPMethod } from 'find-my-way';
import { MlflowError, invalidParam } from '../../shared/domain/mlflow-error';
import { readBody, sendError, sendJson, sendJsonBody } from './http-io';
import { parseMlflowJson } from './mlflow-json';
import { asMessage, queryMessage, type Message } from './request-fields';
import { JsonStream } from './json-body';
import type { SlowTrace } from './slow-trace';
import { WorkTurns } from './work-turns';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string | undefined>;
  query: URLSearchParams;
}

export type RouteHandler = (rc: RouteContext) => Promise<void>;
export type JsonHandler = (msg: Message, rc: RouteContext) => unknown;

/** Routes on find-my-way; unknown paths answer MLflow's 404 ENDPOINT_NOT_FOUND, wrong methods 405. */
export class Routes {
  private router = createRouter({ ignoreTrailingSlash: true, maxParamLength: 2000 });

  /**
   * `trace`: the slow-task trace (SEXTANT_TRACE_SLOW_MS), which then knows each request's route.
   * `turns`: where the RPCs' work runs (fair turns of the event loop).
   */
  constructor(
    private log: (msg: string) => void,
    private trace: SlowTrace | null = null,
    readonly turns: WorkTurns = new WorkTurns(),
  ) {}

  add(method: HTTPMethod | HTTPMethod[], path: string, handler: RouteHandler): void {
    const label = `${Array.isArray(method) ? method.join('|') : method} ${path}`;
    this.router.on(method, path, (req, res, params) => {
      const rc = { req, res, params: params as Record<string, string | undefined>, query: new URL(req.url ?? '/', 'http://localhost').searchParams };
      const run = () => handler(rc).catch((err: unknown) => sendError(req, res, err, this.log));
      if (this.trace) this.trace.label(label, run);
      else void run();
    });
  }

  /** Registers an MLflow RPC at /api/<v>/mlflow<path> and its /ajax-api copy. */
  mlflow(method: HTTPMethod | HTTPMethod[], path: string, handler: JsonHandler, version = '2.0'): void {
    const route = jsonRoute(handler, this.turns, `${Array.isArray(method) ? method.join('|') : method} ${path}`);
    this.add(method, `/api/${version}/mlflow${path}`, route);
    this.add(method, `/ajax-api/${version}/mlflow${path}`, route);
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    if (this.router.find(req.method as HTTPMethod, url.split('?')[0]!)) {
      this.router.lookup(req, res);
      return;
    }
    const path = url.split('?')[0]!;
    const other = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as HTTPMethod[]).some((m) => this.router.find(m, path));
    if (other) sendJson(res, 405, { error_code: 'BAD_REQUEST', message: `Method ${req.method} is not allowed for ${path}` });
    else sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No API endpoint ${req.method} ${path}` });
  }
}

/** POSTs must say `Content-Type: application/json`, as MLflow requires. */
function checkJsonContentType(rc: RouteContext): void {
  if (rc.req.method === 'POST' && !/^application\/json\s*(;|$)/i.test(rc.req.headers['content-type'] ?? '')) {
    throw invalidParam('Bad Content-Type; this endpoint expects application/json.');
  }
}

/**
 * A JSON request body as a message. POSTs must say `Content-Type: application/json`, as
 * MLflow requires; that also refuses the "simple" cross-site requests a browser may send
 * without asking first (text/plain, forms).
 */
export async function readJsonBody(rc: RouteContext): Promise<Message> {
  checkJsonContentType(rc);
  return asMessage(parseMlflowJson(await readBody(rc.req)));
}

/**
 * What a request's message is read from, chosen as MLflow's `_get_request_message` does: a GET
 * with a query string from the query alone; any other request, a GET without a query string
 * included, from its JSON body (mlflow-export-import sends GET parameters that way). Bodies
 * keep readBody's cap. Only the reading happens here: parsing is work of the request's turn.
 */
async function readRequest(rc: RouteContext): Promise<{ query: Message } | { body: string }> {
  if (rc.req.method === 'GET') {
    const query = queryMessage(rc.query);
    if (query) return { query };
  }
  checkJsonContentType(rc);
  return { body: await readBody(rc.req) };
}

function parseRequest(rc: RouteContext, read: { query: Message } | { body: string }): Message {
  if ('query' in read) return read.query;
  const msg = asMessage(parseMlflowJson(read.body));
  if (rc.req.method !== 'GET') for (const [k, v] of rc.query) if (!(k in msg)) msg[k] = v; // harmless fallback for DELETE fields
  return msg;
}

/**
 * An MLflow RPC: the request is read, then its message is parsed and handled, and the answer
 * serialised, as work of `turns` (at once when that kind of work is light, else in a fair turn
 * of the event loop; see WorkTurns). A streamed answer pulls its pieces the same way.
 */
function jsonRoute(handler: JsonHandler, turns: WorkTurns, kind: string): RouteHandler {
  const answerKind = `${kind} (answer)`;
  return async (rc) => {
    const read = await readRequest(rc);
    const size = 'body' in read ? read.body.length : 0;
    const out: unknown = await turns.run(kind, size, () => handler(parseRequest(rc, read), rc));
    if (out instanceof MlflowError) throw out;
    if (out instanceof JsonStream) {
      await sendJsonBody(rc.res, 200, out, (next) => turns.run(answerKind, 0, next));
      return;
    }
    await turns.run(answerKind, 0, () => sendJsonBody(rc.res, 200, out ?? {}));
  };
}
