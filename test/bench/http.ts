// A light HTTP/1.1 client over node:http with a keep-alive agent. Bodies are sent as given
// (pre-serialised Buffers/strings); timing is measured here, in the client, from just before the
// request is written until the last byte of the response has arrived (JSON parsing excluded).
import http from 'node:http';

export interface HttpResponse {
  status: number;
  body: Buffer;
  /** Round-trip time in milliseconds. */
  ms: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly bodyText: string,
  ) {
    super(`${method} ${path} -> HTTP ${status}: ${bodyText.slice(0, 300)}`);
  }
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export class HttpClient {
  readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(readonly baseUrl: string, maxSockets = 32) {
    const u = new URL(baseUrl);
    this.host = u.hostname;
    this.port = Number(u.port || 80);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
  }

  /** One request; never throws for HTTP status codes (only for transport errors). */
  request(method: string, path: string, body?: Buffer | string): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
      const headers: http.OutgoingHttpHeaders = payload
        ? { ...JSON_HEADERS, 'content-length': payload.length }
        : {};
      const t0 = performance.now();
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), ms });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** POST a JSON body; throws HttpError unless the answer is 200. Returns the parsed JSON and timing. */
  async postJson<T>(path: string, body: Buffer | string | object): Promise<{ data: T; ms: number }> {
    const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    return this.parse<T>('POST', path, await this.request('POST', path, raw));
  }

  /** GET with a query string already encoded into path; throws HttpError unless 200. */
  async getJson<T>(path: string): Promise<{ data: T; ms: number }> {
    return this.parse<T>('GET', path, await this.request('GET', path));
  }

  private parse<T>(method: string, path: string, res: HttpResponse): { data: T; ms: number } {
    if (res.status !== 200) throw new HttpError(res.status, method, path, res.body.toString());
    const text = res.body.toString();
    return { data: (text ? JSON.parse(text) : {}) as T, ms: res.ms };
  }

  /**
   * Drops pooled keep-alive connections. Called before each phase: a connection left idle while the
   * other server was measured may have been closed by the server (uvicorn closes after 5 s), and
   * reusing it races with that close ("socket hang up").
   */
  resetConnections(): void {
    this.agent.destroy();
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Builds `path?k=v&k=v` with repeated keys for arrays (as the MLflow clients do). */
export function withQuery(path: string, query: Record<string, string | number | (string | number)[] | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) sp.append(k, String(item));
  }
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}
