import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceContext } from '../services/service-context';
import type { HTTPMethod } from 'find-my-way';
import { MlflowError } from '../../shared/domain/mlflow-error';
import { sendError, sendJson } from './http-io';
import { Routes } from './router';
import { artifactsRoutes } from './routes/artifacts-routes';
import { experimentsRoutes } from './routes/experiments-routes';
import { historyRoutes } from './routes/history-routes';
import { loggedModelsRoutes } from './routes/logged-models-routes';
import { loggingRoutes } from './routes/logging-routes';
import { metaRoutes } from './routes/meta-routes';
import { multipartRoutes, PART_PREFIX } from './routes/multipart-routes';
import { registryRoutes } from './routes/registry-routes';
import { runsRoutes } from './routes/runs-routes';
import { searchRoutes } from './routes/search-routes';
import { isUiPath, uiRoutes, type BrowserModeOptions } from './routes/ui-routes';
import { slowTraceFromEnv, type SlowTrace } from './slow-trace';
import { WorkTurns } from './work-turns';
import { authorized, defaultAllowedHosts, defaultAllowedOrigins, hostAllowed, originAllowed, type SecurityOptions } from './security';

export interface TrackingServerOptions {
  /** The open store's services; null while the store is not open (locked, being converted): see `unavailable`. */
  services: ServiceContext | null;
  /** While no store is attached: the sentence every MLflow API call is answered with (503 TEMPORARILY_UNAVAILABLE). */
  unavailable?: () => string;
  host: string;
  port: number;
  token?: string;
  basicAuth?: { username: string; password: string };
  /** Extra exact Host values (name:port) to accept, e.g. when bound beyond loopback. */
  extraHosts?: string[];
  /** Serve the UI and the contract too (browser mode). */
  browserMode?: BrowserModeOptions;
  log: (msg: string) => void;
}

export interface TrackingServer {
  url: string;
  port: number;
  server: Server;
  /**
   * Attaches the open store's services (every route answers from then on), or detaches them
   * (null): the server keeps listening, browser mode and /health keep answering, and every other
   * request gets MLflow's 503 TEMPORARILY_UNAVAILABLE with `unavailable()`'s sentence.
   */
  setServices(services: ServiceContext | null): void;
  close(): Promise<void>;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every route of the local MLflow-compatible server, in one table. */
export function buildRoutes(services: ServiceContext, log: (msg: string) => void, browserMode?: BrowserModeOptions, trace: SlowTrace | null = null, turns?: WorkTurns): Routes {
  const routes = new Routes(log, trace, turns);
  if (browserMode) uiRoutes(routes, browserMode);
  metaRoutes(routes);
  experimentsRoutes(routes, services);
  runsRoutes(routes, services);
  loggingRoutes(routes, services);
  historyRoutes(routes, services);
  searchRoutes(routes, services);
  loggedModelsRoutes(routes, services);
  registryRoutes(routes, services);
  artifactsRoutes(routes, services);
  multipartRoutes(routes, services);
  return routes;
}

const ANY_METHOD: HTTPMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/** The routes while no store is attached: browser mode, /health, /version, and 503 for everything else. */
export function buildGateRoutes(unavailable: () => string, log: (msg: string) => void, browserMode?: BrowserModeOptions, trace: SlowTrace | null = null, turns?: WorkTurns): Routes {
  const routes = new Routes(log, trace, turns);
  if (browserMode) uiRoutes(routes, browserMode);
  metaRoutes(routes);
  routes.add(ANY_METHOD, '/*', async ({ req, res }) => sendError(req, res, new MlflowError('TEMPORARILY_UNAVAILABLE', unavailable()), log));
  return routes;
}

/**
 * The local tracking server. Before any route runs: the Host header must be one of ours
 * (DNS rebinding), a browser Origin other than ours may not change state, and the token or
 * basic-auth credentials are checked when configured. CORS is never granted to other origins.
 */
export async function startTrackingServer(opts: TrackingServerOptions): Promise<TrackingServer> {
  // SEXTANT_TRACE_SLOW_MS=<ms>: log what holds the event loop longer than that (a diagnosis aid; costly)
  const trace = slowTraceFromEnv(process.env, opts.log);
  const turns = new WorkTurns();
  const unavailable = opts.unavailable ?? (() => 'the store is not open');
  const routesFor = (services: ServiceContext | null) => (services ? buildRoutes(services, opts.log, opts.browserMode, trace, turns) : buildGateRoutes(unavailable, opts.log, opts.browserMode, trace, turns));
  let routes = routesFor(opts.services);
  const security: SecurityOptions = { allowedHosts: new Set(), allowedOrigins: new Set(), token: opts.token, basicAuth: opts.basicAuth };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const deny = (message: string) => sendJson(res, 403, { error_code: 'PERMISSION_DENIED', message });
    if (!hostAllowed(req, security)) return deny('Invalid Host header - possible DNS rebinding attack detected');
    if (STATE_CHANGING.has(req.method ?? '') && !originAllowed(req, security)) return deny('Cross-origin request blocked');
    if (req.method === 'OPTIONS') return deny('Cross-origin requests are not allowed');
    const url = req.url ?? '/';
    // /health and /version are public as in MLflow; multipart parts carry their upload id as
    // credential; browser-mode paths check the UI token themselves.
    const open = url === '/health' || url === '/version' || (req.method === 'PUT' && url.startsWith(PART_PREFIX)) || (opts.browserMode !== undefined && isUiPath(url));
    if (!open && !authorized(req, security)) {
      res.setHeader('www-authenticate', 'Basic realm="sextant", Bearer');
      return sendJson(res, 401, { error_code: 'UNAUTHENTICATED', message: 'Missing or invalid credentials (set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME/PASSWORD).' });
    }
    routes.handle(req, res);
  };
  const server = createServer({ keepAliveTimeout: 65_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  for (const h of [...defaultAllowedHosts(opts.host, port), ...(opts.extraHosts ?? [])]) security.allowedHosts.add(h.toLowerCase());
  for (const o of defaultAllowedOrigins(security.allowedHosts)) security.allowedOrigins.add(o);
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    setServices: (services) => {
      routes = routesFor(services);
    },
    close: () =>
      new Promise<void>((resolve) => {
        trace?.stop();
        server.close(() => resolve());
        server.closeIdleConnections();
        // open event streams (and requests still running after a grace period) are cut
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
