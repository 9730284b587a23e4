import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/** One answer from the server, as raw as node:http gives it. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  /** Sent byte for byte as the request target: no normalisation of `..`, `%2e`, `\`. */
  path: string;
  headers?: OutgoingHttpHeaders;
  /** A whole body, or a producer that streams one (called with a write that respects backpressure). */
  body?: string | Buffer | ((write: (chunk: Buffer | string) => Promise<void>) => Promise<void>);
  timeoutMs?: number;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

function toResponse(status: number, headers: IncomingHttpHeaders, body: Buffer): RawResponse {
  const text = body.toString('utf8');
  return { status, headers, body, text, json: parseJson(text) };
}

/**
 * An HTTP/1.1 request over a fresh keep-alive connection (node:http, never fetch, so the path
 * is not normalised; keep-alive as real MLflow clients use, so a server that answers early
 * may drain the rest of the body instead of closing). Resolves with the response even when
 * the server answers before it has read the whole body; rejects only when no complete
 * response arrived (e.g. the connection was reset).
 */
export function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let done = false;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const finish = (err: Error | null, res?: RawResponse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      agent.destroy();
      if (err) reject(err);
      else resolve(res!);
    };
    const headers: OutgoingHttpHeaders = { ...req.headers };
    if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) headers['content-length'] ??= Buffer.byteLength(req.body);
    const r = request({ host: url.hostname, port: Number(url.port), method: req.method ?? 'GET', path: req.path, headers, agent, setHost: !('host' in headers) });
    const timer = setTimeout(() => {
      finish(new Error(`no response to ${req.method ?? 'GET'} ${req.path.slice(0, 200)} within ${req.timeoutMs ?? 20_000} ms`));
      r.destroy();
    }, req.timeoutMs ?? 20_000);
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(null, toResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
      res.on('error', (e) => finish(e));
      res.on('aborted', () => finish(new Error(`response to ${req.path.slice(0, 200)} aborted`)));
    });
    r.on('error', (e: NodeJS.ErrnoException) => finish(new Error(`${req.method ?? 'GET'} ${req.path.slice(0, 200)}: connection failed (${e.code ?? e.message}) before a complete response`)));
    const body = req.body;
    if (body === undefined) r.end();
    else if (typeof body !== 'function') r.end(body);
    else {
      const write = (chunk: Buffer | string) =>
        new Promise<void>((res, rej) => {
          if (done || r.destroyed) return rej(new Error('request closed'));
          if (r.write(chunk)) res();
          else {
            const onDrain = () => { r.off('close', onClose); res(); };
            const onClose = () => { r.off('drain', onDrain); rej(new Error('request closed')); };
            r.once('drain', onDrain);
            r.once('close', onClose);
          }
        });
      body(write).then(
        () => r.end(),
        () => undefined, // the server stopped reading: its answer (or the reset) decides the outcome
      );
    }
  });
}

/**
 * Sends bytes over a bare TCP socket (for requests node:http will not produce, such as
 * HTTP/1.0 without a Host header, or a body shorter than its Content-Length) and parses the
 * first response: status line, headers and a Content-Length body (or everything until close).
 */
export function sendRawSocket(baseUrl: string, raw: string | Buffer, opts: { timeoutMs?: number; endAfterWrite?: boolean } = {}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(url.port), url.hostname);
    let buf = Buffer.alloc(0);
    let settled = false;
    const done = (err: Error | null, res?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(res!);
    };
    const timer = setTimeout(() => done(new Error(`raw socket: no complete answer within ${opts.timeoutMs ?? 10_000} ms; got ${JSON.stringify(buf.toString('latin1').slice(0, 200))}`)), opts.timeoutMs ?? 10_000);
    const tryParse = (closed: boolean) => {
      const split = buf.indexOf('\r\n\r\n');
      if (split < 0) {
        if (closed) done(new Error(`raw socket: closed with an incomplete response ${JSON.stringify(buf.toString('latin1').slice(0, 200))}`));
        return;
      }
      const head = buf.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
      const headers: IncomingHttpHeaders = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const body = buf.subarray(split + 4);
      const len = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
      if (len !== undefined && body.length >= len) done(null, toResponse(status, headers, body.subarray(0, len)));
      else if (closed) done(null, toResponse(status, headers, body));
    };
    sock.on('connect', () => {
      sock.write(raw);
      if (opts.endAfterWrite) sock.end();
    });
    sock.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      tryParse(false);
    });
    sock.on('error', (e) => done(e));
    sock.on('close', () => tryParse(true));
  });
}
