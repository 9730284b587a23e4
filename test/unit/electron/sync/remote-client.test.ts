import { afterEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { RemoteClient } from '../../../../electron/sync/remote-client';
import { type RemoteAuth } from '../../../../electron/sync/remote-auth';
import { RemoteError } from '../../../../electron/sync/remote-error';
import { freePort } from '../../../support/free-port';
import { fakeSleep, type Handler, type LocalHttp, sendJson, startLocalHttp } from './local-http';

let server: LocalHttp | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler) {
  server = await startLocalHttp(handler);
  return server;
}

function client(url: string, extra: { auth?: RemoteAuth; maxAttempts?: number } = {}) {
  const { delays, sleep } = fakeSleep();
  const c = new RemoteClient({ url, auth: extra.auth ?? { kind: 'none' }, sleep, random: () => 0.5, retry: { maxAttempts: extra.maxAttempts ?? 8 } });
  return { c, delays };
}

const failure = async (p: Promise<unknown>): Promise<RemoteError> => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(RemoteError);
  return err as RemoteError;
};

describe('RemoteClient JSON calls', () => {
  it('sends MLflow JSON with bare NaN/Infinity answered back as numbers, with Content-Type and no Origin', async () => {
    const s = await serve(async (_req, res, body) => {
      await body();
      sendJson(res, 200, '{"metric": {"value": NaN, "hi": Infinity, "lo": -Infinity, "step": 9007199254740991}}');
    });
    const { c } = client(s.url);
    const answer = await c.post<{ metric: Record<string, number> }>('runs/log-metric', { run_id: 'r', value: NaN, hi: Infinity, lo: -Infinity });
    expect(answer.metric.value).toBeNaN();
    expect(answer.metric.hi).toBe(Infinity);
    expect(answer.metric.lo).toBe(-Infinity);
    expect(answer.metric.step).toBe(9007199254740991);
    const [seen] = s.requests;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/api/2.0/mlflow/runs/log-metric');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers.origin).toBeUndefined();
    expect(JSON.parse(seen?.body ?? '')).toEqual({ run_id: 'r', value: 'NaN', hi: 'Infinity', lo: '-Infinity' });
  });

  it('never sends an Origin header, on any method', async () => {
    const s = await serve(async (_req, res, body) => {
      await body();
      sendJson(res, 200, '{}');
    });
    const { c } = client(s.url);
    await c.get('experiments/get', { experiment_id: '1' });
    await c.post('runs/update', { run_id: 'x' });
    await c.patch('logged-models/m', { status: 'LOGGED_MODEL_READY' });
    await c.delete('registered-models/delete', { name: 'm' });
    await c.uploadArtifact('1/r/artifacts/a.txt', () => Readable.from([Buffer.from('hi')]), 2);
    expect(s.requests).toHaveLength(5);
    for (const r of s.requests) expect(r.headers.origin).toBeUndefined();
  });

  it('keeps a URL prefix and encodes GET fields as MLflow reads them (repeated keys, true/false)', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, '{}'));
    const { c } = client(`${s.url}/team/mlflow/`);
    await c.get('model-versions/search', { filter: "name='m'", order_by: ['a', 'b'], flag: true, skip: undefined });
    await c.serverVersion().catch(() => undefined);
    await c.serverInfo();
    expect(s.requests.map((r) => r.url)).toEqual([
      "/team/mlflow/api/2.0/mlflow/model-versions/search?filter=name%3D%27m%27&order_by=a&order_by=b&flag=true",
      '/team/mlflow/version',
      '/team/mlflow/api/3.0/mlflow/server-info',
    ]);
  });

  it('sends a JSON body with DELETE and PATCH', async () => {
    const s = await serve(async (_req, res, body) => {
      await body();
      sendJson(res, 200, '{}');
    });
    const { c } = client(s.url);
    await c.delete('registered-models/alias', { name: 'm', alias: 'champion' });
    await c.patch('registered-models/update', { name: 'm', description: 'd' });
    expect(s.requests.map((r) => [r.method, r.headers['content-type'], JSON.parse(r.body)])).toEqual([
      ['DELETE', 'application/json', { name: 'm', alias: 'champion' }],
      ['PATCH', 'application/json', { name: 'm', description: 'd' }],
    ]);
  });

  it.each<[string, RemoteAuth, string | undefined]>([
    ['none', { kind: 'none' }, undefined],
    ['basic', { kind: 'basic', username: 'ada', password: 'pä:ss' }, `Basic ${Buffer.from('ada:pä:ss').toString('base64')}`],
    ['bearer', { kind: 'bearer', token: 'tok-123' }, 'Bearer tok-123'],
  ])('sends the %s auth header', async (_name, auth, expected) => {
    const s = await serve((_req, res) => sendJson(res, 200, '{}'));
    const { c } = client(s.url, { auth });
    await c.get('experiments/search');
    await c.downloadArtifact('a/b.txt', async (stream) => void (await stream.toArray()));
    for (const r of s.requests) expect(r.headers.authorization).toBe(expected);
  });

  it('answers the server version as plain text', async () => {
    const s = await serve((_req, res) => res.end('3.17.2\n'));
    expect(await client(s.url).c.serverVersion()).toBe('3.17.2');
  });
});

describe('RemoteClient retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i with backoff and then succeeds', async (status) => {
    let calls = 0;
    const s = await serve((_req, res) => (++calls <= 2 ? sendJson(res, status, '{"error_code":"X","message":"later"}') : sendJson(res, 200, '{"ok":true}')));
    const { c, delays } = client(s.url);
    expect(await c.post('runs/create', {})).toEqual({ ok: true });
    expect(s.requests).toHaveLength(3);
    // full jitter with random() = 0.5 over ceilings of 500 ms and 1 s
    expect(delays).toEqual([250, 500]);
  });

  it('honours Retry-After seconds on 429', async () => {
    let calls = 0;
    const s = await serve((_req, res) => (++calls === 1 ? sendJson(res, 429, '{}', { 'retry-after': '7' }) : sendJson(res, 200, '{}')));
    const { c, delays } = client(s.url);
    await c.get('experiments/search');
    expect(delays).toEqual([7000]);
  });

  it.each([[400, 'INVALID_PARAMETER_VALUE'], [404, 'RESOURCE_DOES_NOT_EXIST'], [409, 'RESOURCE_CONFLICT']])('does not retry HTTP %i', async (status, code) => {
    const s = await serve((_req, res) => sendJson(res, status, JSON.stringify({ error_code: code, message: 'Run abc\nnot found' })));
    const { c, delays } = client(s.url);
    const err = await failure(c.get('runs/get', { run_id: 'abc' }));
    expect(s.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(err).toMatchObject({ status, errorCode: code, retryable: false, method: 'GET', path: '/api/2.0/mlflow/runs/get', attempts: 1 });
    expect(err.message).toBe(`GET /api/2.0/mlflow/runs/get: HTTP ${status} ${code}: Run abc not found`);
  });

  it('gives up after maxAttempts and says the call may have reached the server', async () => {
    const s = await serve((_req, res) => sendJson(res, 500, '<html>boom</html>'));
    const { c, delays } = client(s.url, { maxAttempts: 3 });
    const err = await failure(c.post('runs/create', {}));
    expect(s.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(err).toMatchObject({ status: 500, errorCode: 'INTERNAL_ERROR', retryable: true, attempts: 3, mayHaveReachedServer: true });
    expect(err.message).not.toContain('<html>');
    expect(err.message).not.toContain('\n');
  });

  it('makes one attempt only with retry: false', async () => {
    const s = await serve((_req, res) => sendJson(res, 503, '{}'));
    const err = await failure(client(s.url).c.post('runs/create', {}, { retry: false }));
    expect(s.requests).toHaveLength(1);
    expect(err).toMatchObject({ status: 503, retryable: true, attempts: 1 });
  });

  it('treats the DNS-rebinding 403 as configuration: no retry, names --allowed-hosts', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('Invalid Host header - possible DNS rebinding attack detected');
    });
    const err = await failure(client(s.url).c.get('experiments/search'));
    expect(s.requests).toHaveLength(1);
    expect(err.errorCode).toBe('HOST_NOT_ALLOWED');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`--allowed-hosts including ${new URL(s.url).host}`);
  });

  it('says clearly when authentication is missing or refused', async () => {
    const s = await serve((req, res) =>
      req.headers.authorization
        ? sendJson(res, 403, '{"error_code":"PERMISSION_DENIED","message":"Permission denied"}')
        : sendJson(res, 401, '{"error_code":"UNAUTHENTICATED","message":"You are not authenticated."}'));
    const none = await failure(client(s.url).c.get('experiments/search'));
    expect(none.message).toContain('authentication required');
    const basic = await failure(client(s.url, { auth: { kind: 'basic', username: 'u', password: 'secret-pw' } }).c.post('experiments/create', { name: 'x' }));
    expect(basic.message).toContain('permission denied');
    expect(basic.message).not.toContain('secret-pw');
    expect(s.requests).toHaveLength(2);
  });

  it('retries a refused connection and reports it could not have reached the server', async () => {
    const port = await freePort();
    const { c, delays } = client(`http://127.0.0.1:${port}`, { maxAttempts: 2 });
    const err = await failure(c.post('runs/create', {}));
    expect(err).toMatchObject({ errorCode: 'ECONNREFUSED', retryable: true, attempts: 2, mayHaveReachedServer: false, status: undefined });
    expect(delays).toHaveLength(1);
  });

  it('fails an attempt that gets no answer within the timeout, and retries it', async () => {
    let calls = 0;
    const s = await serve((req, res) => void (req.url?.includes('hang') || ++calls === 1 ? undefined : sendJson(res, 200, '{"late":false}')));
    const { delays, sleep } = fakeSleep();
    const c = new RemoteClient({ url: s.url, auth: { kind: 'none' }, sleep, timeoutMs: 300 });
    expect(await c.get('experiments/search')).toEqual({ late: false });
    expect(delays).toHaveLength(1);
    const err = await failure(c.get('hang', {}, { retry: false }));
    expect(err).toMatchObject({ errorCode: 'TIMEOUT', retryable: true, mayHaveReachedServer: true, status: undefined });
  });

  it('refuses a 200 that is not MLflow JSON, and a redirect, without retrying', async () => {
    const s = await serve((req, res) => {
      if (req.url?.includes('moved')) {
        res.writeHead(302, { location: 'https://elsewhere.example/' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>UI</title>');
    });
    const { c } = client(s.url);
    expect(await failure(c.get('experiments/search'))).toMatchObject({ errorCode: 'BAD_RESPONSE', retryable: false });
    const moved = await failure(c.get('moved'));
    expect(moved).toMatchObject({ errorCode: 'REDIRECT', retryable: false });
    expect(moved.message).toContain('https://elsewhere.example/');
    expect(s.requests).toHaveLength(2);
  });
});

describe('RemoteClient cancellation', () => {
  it('rejects with the abort reason while a request hangs, without retrying', async () => {
    let arrived: () => void = () => undefined;
    const arrivedP = new Promise<void>((r) => (arrived = r));
    const s = await serve(() => arrived());
    const { c } = client(s.url);
    const controller = new AbortController();
    const pending = c.get('experiments/search', {}, { signal: controller.signal }).then(() => 'done', (e: unknown) => e);
    await arrivedP;
    controller.abort();
    const err = (await pending) as Error;
    expect(err.name).toBe('AbortError');
    expect(s.requests).toHaveLength(1);
  });

  it('stops waiting between retries when cancelled', async () => {
    const s = await serve((_req, res) => sendJson(res, 503, '{}'));
    const controller = new AbortController();
    const c = new RemoteClient({ url: s.url, auth: { kind: 'none' }, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 }, random: () => 1 });
    const pending = c.get('experiments/search', {}, { signal: controller.signal }).then(() => 'done', (e: unknown) => e);
    while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(((await pending) as Error).name).toBe('AbortError');
    expect(s.requests).toHaveLength(1);
  });
});
