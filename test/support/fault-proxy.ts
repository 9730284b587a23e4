// A loopback TCP proxy that breaks connections on purpose, for transport and sync fault tests.
// Each new connection gets the next queued fault, or else one drawn from a seeded schedule
// (test/support/prng.ts): cut after N bytes of the request, cut after N bytes of the response, or
// a canned 503/429 answered by the proxy without forwarding. Loopback only, on both sides.
import { createServer, connect, type Socket } from 'node:net';
import { prng } from './prng';

export type FaultKind = 'cut-request' | 'cut-response' | 'status-503' | 'status-429';

export interface Fault {
  kind: FaultKind;
  /** For cuts: bytes forwarded in that direction before the cut (over the connection's lifetime). */
  afterBytes?: number;
  /** For cuts: 'close' ends the socket (FIN), 'reset' sends RST (ECONNRESET at the client). */
  how?: 'close' | 'reset';
}

export interface FaultProxyOptions {
  /** Where to forward: a loopback URL (`http://127.0.0.1:5000`) or port. */
  target: string | number;
  seed?: number;
  /** Probability that a new connection gets a drawn fault (0 = none; change with setRate). */
  rate?: number;
  kinds?: FaultKind[];
  /** Cut points are drawn from [0, maxCutBytes). */
  maxCutBytes?: number;
  /** Retry-After on canned 429 answers, in seconds. */
  retryAfterSeconds?: number;
}

export interface FaultStats {
  connections: number;
  /** Connections that ended without any fault happening. */
  clean: number;
  cutRequest: number;
  cutResponse: number;
  status503: number;
  status429: number;
  bytesUp: number;
  bytesDown: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: use in place of the target's origin. */
  url: string;
  port: number;
  setRate(rate: number): void;
  /** Faults for the next connections, in order, before any drawn one. */
  enqueue(...faults: Fault[]): void;
  stats(): FaultStats;
  /** Closes the listener and every open connection. */
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function targetPort(target: string | number): number {
  if (typeof target === 'number') return target;
  const url = new URL(target);
  if (!LOOPBACK.has(url.hostname)) throw new Error(`fault proxy: target must be on loopback, not ${url.hostname}`);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

function cannedAnswer(kind: 'status-503' | 'status-429', retryAfterSeconds: number): string {
  const [status, code, extra] = kind === 'status-503'
    ? ['503 Service Unavailable', 'TEMPORARILY_UNAVAILABLE', '']
    : ['429 Too Many Requests', 'REQUEST_LIMIT_EXCEEDED', `Retry-After: ${retryAfterSeconds}\r\n`];
  const body = JSON.stringify({ error_code: code, message: `fault proxy: ${status}` });
  return `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;
}

/** Pipes `from` into `to` with back-pressure, calling `onChunk` first; it answers how much of the chunk to forward. */
function forward(from: Socket, to: Socket, onChunk: (chunk: Buffer) => number, onCut: () => void) {
  from.on('data', (chunk: Buffer) => {
    const keep = onChunk(chunk);
    if (keep < chunk.length) {
      if (keep > 0) to.write(chunk.subarray(0, keep));
      return onCut();
    }
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  });
  from.on('end', () => to.end());
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const port = targetPort(opts.target);
  const random = prng(opts.seed ?? 1);
  const kinds = opts.kinds ?? ['cut-request', 'cut-response', 'status-503', 'status-429'];
  const maxCut = opts.maxCutBytes ?? 4096;
  let rate = opts.rate ?? 0;
  const queue: Fault[] = [];
  const sockets = new Set<Socket>();
  const stats: FaultStats = { connections: 0, clean: 0, cutRequest: 0, cutResponse: 0, status503: 0, status429: 0, bytesUp: 0, bytesDown: 0 };

  const draw = (): Fault | undefined => {
    if (random() >= rate) return undefined;
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    return { kind, afterBytes: Math.floor(random() * maxCut), how: random() < 0.5 ? 'close' : 'reset' };
  };

  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };

  const answerCanned = (client: Socket, kind: 'status-503' | 'status-429') => {
    // Read the request (headers, then Content-Length bytes) so the client is not cut while sending.
    let head = Buffer.alloc(0);
    let bodyLeft: number | undefined;
    const reply = () => {
      client.removeAllListeners('data');
      stats[kind === 'status-503' ? 'status503' : 'status429']++;
      client.end(cannedAnswer(kind, opts.retryAfterSeconds ?? 1));
    };
    client.on('data', (chunk: Buffer) => {
      stats.bytesUp += chunk.length;
      if (bodyLeft === undefined) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const match = /\r\ncontent-length:\s*(\d+)/i.exec(head.subarray(0, end).toString('latin1'));
        bodyLeft = (match ? Number(match[1]) : 0) - (head.length - end - 4);
      } else {
        bodyLeft -= chunk.length;
      }
      if (bodyLeft <= 0) reply();
    });
  };

  const server = createServer((client) => {
    stats.connections++;
    track(client);
    const fault = queue.shift() ?? draw();
    if (fault?.kind === 'status-503' || fault?.kind === 'status-429') return answerCanned(client, fault.kind);
    const upstream = connect(port, '127.0.0.1');
    track(upstream);
    let up = 0;
    let down = 0;
    let faulted = false;
    const cut = () => {
      faulted = true;
      upstream.destroy();
      if (fault?.how === 'reset') client.resetAndDestroy();
      else client.end(() => client.destroy());
    };
    const budget = (kind: FaultKind, sent: number, chunk: Buffer) =>
      fault?.kind === kind && !faulted ? Math.max(0, Math.min(chunk.length, (fault.afterBytes ?? 0) - sent)) : chunk.length;
    forward(client, upstream, (chunk) => {
      const keep = faulted ? 0 : budget('cut-request', up, chunk);
      up += keep;
      stats.bytesUp += keep;
      if (keep < chunk.length && !faulted) stats.cutRequest++;
      return keep;
    }, cut);
    forward(upstream, client, (chunk) => {
      const keep = faulted ? 0 : budget('cut-response', down, chunk);
      down += keep;
      stats.bytesDown += keep;
      if (keep < chunk.length && !faulted) stats.cutResponse++;
      return keep;
    }, cut);
    client.on('close', () => {
      if (!faulted) stats.clean++;
      upstream.destroy();
    });
    upstream.on('close', () => client.end());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const listenPort = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${listenPort}`,
    port: listenPort,
    setRate: (r) => void (rate = r),
    enqueue: (...faults) => void queue.push(...faults),
    stats: () => ({ ...stats }),
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
