import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export interface SecurityOptions {
  /** Exact Host header values accepted (name:port), e.g. 127.0.0.1:5000. */
  allowedHosts: Set<string>;
  /** Origins (scheme://host:port) allowed to make state-changing requests. */
  allowedOrigins: Set<string>;
  /** Bearer token (MLFLOW_TRACKING_TOKEN) accepted, if set. */
  token?: string;
  /** Basic-auth credentials accepted, if set. */
  basicAuth?: { username: string; password: string };
}

/** The Host values a server bound to host:port answers to: loopback names only, exactly. */
export function defaultAllowedHosts(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  return new Set([...names].map((n) => `${n}:${port}`));
}

export function defaultAllowedOrigins(hosts: Set<string>): Set<string> {
  return new Set([...hosts].map((h) => `http://${h}`));
}

/** DNS-rebinding guard: the Host header must match exactly (case-insensitive), on every method. */
export function hostAllowed(req: IncomingMessage, opts: SecurityOptions): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && opts.allowedHosts.has(host);
}

/** A browser's cross-site request: any Origin other than our own (including "null"). */
export function originAllowed(req: IncomingMessage, opts: SecurityOptions): boolean {
  const origin = req.headers.origin;
  return origin === undefined || opts.allowedOrigins.has(origin.toLowerCase());
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** True when no auth is configured or the request carries the configured token or credentials. */
export function authorized(req: IncomingMessage, opts: SecurityOptions): boolean {
  if (!opts.token && !opts.basicAuth) return true;
  const header = req.headers.authorization ?? '';
  const [scheme, value = ''] = header.split(' ', 2);
  if (opts.token && scheme?.toLowerCase() === 'bearer' && same(value, opts.token)) return true;
  if (opts.basicAuth && scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return same(decoded, `${opts.basicAuth.username}:${opts.basicAuth.password}`);
  }
  return false;
}
