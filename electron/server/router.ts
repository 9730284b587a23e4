import type { IncomingMessage, ServerResponse } from 'node:http';
import createRouter, { type HTTPMethod } from 'find-my-way';
import { MlflowError, invalidParam } from '../../shared/domain/mlflow-error';
import { readBody, sendError, sendJson, sendJsonBody } from './http-io';
import { parseMlflowJson } from './mlflow-json';
import { asMessage, queryMessage, type Message } from './request-fields';

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

  constructor(private log: (msg: string) => void) {}

  add(method: HTTPMethod | HTTPMethod[], path: string, handler: RouteHandler): void {
    this.router.on(method, path, (req, res, params) => {
      const rc = { req, res, params: params as Record<string, string | undefined>, query: new URL(req.url ?? '/', 'http://localhost').searchParams };
      handler(rc).catch((err: unknown) => sendError(req, res, err, this.log));
    });
  }

  /** Registers an MLflow RPC at /api/<v>/mlflow<path> and its /ajax-api copy. */
  mlflow(method: HTTPMethod | HTTPMethod[], path: string, handler: JsonHandler, version = '2.0'): void {
    const route = jsonRoute(handler);
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

/**
 * A JSON request body as a message. POSTs must say `Content-Type: application/json`, as
 * MLflow requires; that also refuses the "simple" cross-site requests a browser may send
 * without asking first (text/plain, forms).
 */
export async function readJsonBody(rc: RouteContext): Promise<Message> {
  if (rc.req.method === 'POST' && !/^application\/json\s*(;|$)/i.test(rc.req.headers['content-type'] ?? '')) {
    throw invalidParam('Bad Content-Type; this endpoint expects application/json.');
  }
  return asMessage(parseMlflowJson(await readBody(rc.req)));
}

/**
 * A request's message, chosen as MLflow's `_get_request_message` does: a GET with a query string
 * is read from the query alone; any other request, a GET without a query string included, from
 * its JSON body (mlflow-export-import sends GET parameters that way). Bodies keep readBody's cap.
 */
async function readMessage(rc: RouteContext): Promise<Message> {
  if (rc.req.method === 'GET') return queryMessage(rc.query) ?? readJsonBody(rc);
  const msg = await readJsonBody(rc);
  for (const [k, v] of rc.query) if (!(k in msg)) msg[k] = v; // harmless fallback for DELETE fields
  return msg;
}

function jsonRoute(handler: JsonHandler): RouteHandler {
  return async (rc) => {
    const msg = await readMessage(rc);
    const out = await handler(msg, rc);
    if (out instanceof MlflowError) throw out;
    await sendJsonBody(rc.res, 200, out ?? {});
  };
}
