/** A remote's base URL, checked once: http(s), no credentials, no query or fragment, any path prefix kept. */
export interface RemoteUrl {
  /** e.g. `https://mlflow.example.com/team` (no trailing slash). */
  readonly base: string;
  /** `host[:port]`, for messages (e.g. the --allowed-hosts advice). */
  readonly host: string;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type Query = Record<string, QueryValue>;

/**
 * Parses `http(s)://host[:port][/prefix]`. Credentials in the URL are refused (they would end up in
 * logs and messages; pass them as auth instead). Throws an Error with a one-line message.
 */
export function parseRemoteUrl(url: string): RemoteUrl {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`Not a URL: '${url}' (expected http(s)://host[:port][/prefix])`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Unsupported remote URL scheme '${parsed.protocol}' (expected http: or https:)`);
  }
  if (parsed.username || parsed.password) {
    throw new Error('The remote URL must not contain a user name or password: give them as basic auth instead');
  }
  if (parsed.search || parsed.hash) throw new Error('The remote URL must not have a query string or fragment');
  const prefix = parsed.pathname.replace(/\/+$/, '');
  return { base: `${parsed.origin}${prefix}`, host: parsed.host };
}

/**
 * `<base>/<apiPath>?<query>`. `apiPath` is already URL-safe (e.g. `api/2.0/mlflow/runs/get`);
 * repeated fields become repeated keys and booleans `true`/`false`, as MLflow's GET parsing expects.
 */
export function buildUrl(base: string, apiPath: string, query?: Query): string {
  const url = `${base}/${apiPath.replace(/^\/+/, '')}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) params.append(key, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/** An artifact path as URL path segments: each segment encoded, '/' kept, empty segments dropped. */
export function encodeArtifactPath(path: string): string {
  return path.split('/').filter((s) => s !== '').map(encodeURIComponent).join('/');
}
