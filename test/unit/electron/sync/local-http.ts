// A small node:http server on 127.0.0.1 for transport tests: records every request it sees
// (method, URL, headers, and the body when it was read by the handler).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: () => Promise<string>, seen: SeenRequest) => unknown;

export interface LocalHttp {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Reads a request body as text. */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const sendJson = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
};

export async function startLocalHttp(handler: Handler): Promise<LocalHttp> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '' };
    requests.push(seen);
    const body = async () => (seen.body = await readText(req));
    Promise.resolve(handler(req, res, body, seen)).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 599, JSON.stringify({ message: String(err) }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A sleep that records the delays it was asked for and returns at once (unless cancelled). */
export function fakeSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    delays.push(ms);
  };
  return { delays, sleep };
}
