import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../../support/fault-proxy';
import { type LocalHttp, readText, startLocalHttp } from './local-http';

let server: LocalHttp | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.stop();
  await server?.close();
  proxy = undefined;
  server = undefined;
});

const echo = () => startLocalHttp(async (req, res) => res.end(`got ${(await readText(req)).length}`));

/** Sends raw bytes on a fresh connection and collects what comes back until it closes. */
function raw(port: number, data: string): Promise<{ text: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => resolve({ text: Buffer.concat(chunks).toString(), error: e.code ?? e.message }));
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString() }));
    socket.write(data);
  });
}

const post = (body: string) => `POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;

describe('fault proxy', () => {
  it('forwards cleanly at rate 0 and counts bytes', async () => {
    server = await echo();
    proxy = await startFaultProxy({ target: server.url });
    const res = await fetch(`${proxy.url}/x`, { method: 'POST', body: 'hello' });
    expect(await res.text()).toBe('got 5');
    const stats = proxy.stats();
    expect(stats).toMatchObject({ connections: 1, cutRequest: 0, cutResponse: 0, status503: 0, status429: 0 });
    expect(stats.bytesUp).toBeGreaterThan(5);
    expect(stats.bytesDown).toBeGreaterThan(5);
  });

  it('cuts a request after N bytes: the server sees only those', async () => {
    server = await echo();
    proxy = await startFaultProxy({ target: server.url });
    proxy.enqueue({ kind: 'cut-request', afterBytes: 30, how: 'reset' });
    const result = await raw(proxy.port, post('a'.repeat(1000)));
    expect(result.text).toBe('');
    expect(proxy.stats().cutRequest).toBe(1);
    expect(proxy.stats().bytesUp).toBe(30);
  });

  it('cuts a response after N bytes', async () => {
    server = await echo();
    proxy = await startFaultProxy({ target: server.url });
    proxy.enqueue({ kind: 'cut-response', afterBytes: 12, how: 'close' });
    const result = await raw(proxy.port, post('abc'));
    expect(result.text).toBe('HTTP/1.1 200');
    expect(proxy.stats().cutResponse).toBe(1);
  });

  it('answers canned 503 and 429 (with Retry-After) after reading the request, without forwarding', async () => {
    server = await echo();
    proxy = await startFaultProxy({ target: server.url, retryAfterSeconds: 3 });
    proxy.enqueue({ kind: 'status-503' }, { kind: 'status-429' });
    const a = await fetch(`${proxy.url}/x`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(a.status).toBe(503);
    expect(((await a.json()) as { error_code: string }).error_code).toBe('TEMPORARILY_UNAVAILABLE');
    const b = await fetch(`${proxy.url}/x`);
    expect(b.status).toBe(429);
    expect(b.headers.get('retry-after')).toBe('3');
    expect(server.requests).toHaveLength(0);
    expect(proxy.stats()).toMatchObject({ status503: 1, status429: 1 });
  });

  it('draws the same faults from the same seed, and none after setRate(0)', async () => {
    server = await echo();
    const kinds = async (seed: number) => {
      const p = await startFaultProxy({ target: server!.url, seed, rate: 0.5, kinds: ['status-503', 'status-429'] });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fetch(`${p.url}/x`, { headers: { connection: 'close' } })).status);
      p.setRate(0);
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${p.url}/x`, { headers: { connection: 'close' } })).status);
      await p.stop();
      return statuses;
    };
    const first = await kinds(9);
    expect(await kinds(9)).toEqual(first);
    expect(first.slice(12)).toEqual([200, 200, 200]);
    expect(new Set(first.slice(0, 12)).size).toBeGreaterThan(1);
  });

  it('stops: closes open connections and the listener', async () => {
    server = await startLocalHttp(() => undefined); // never answers
    proxy = await startFaultProxy({ target: server.url });
    const pending = fetch(`${proxy.url}/x`).then(() => 'answered', () => 'failed');
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await proxy.stop();
    expect(await pending).toBe('failed');
    expect((await raw(proxy.port, 'x')).error).toBe('ECONNREFUSED');
    proxy = undefined;
  });
});
