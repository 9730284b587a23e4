import { describe, expect, it } from 'vitest';
import { sendRawSocket, type RawRequest } from './support/http';
import { describeResponse, expectMlflowError, expectServing, journalBytes, type Json } from './support/mlflow';
import { useSextant } from './support/server-fixture';

/**
 * Bodies far over the JSON limit (32 MB), streamed, announced or lied about: a 4xx MLflow
 * error, no memory blow-up that takes the server down, nothing written, and the server keeps
 * serving. Huge headers and URLs are refused by Node's parser, which must not kill it either.
 */
const fx = useSextant('huge-bodies');
const A = '/api/2.0/mlflow';
const MB = 1024 * 1024;

/** Streams `{"name":"xxxx…"}` of `total` bytes in 1 MB chunks, honouring backpressure. */
function streamedJson(total: number): RawRequest['body'] {
  return async (write) => {
    const head = '{"name":"';
    const tail = '"}';
    await write(head);
    const chunk = Buffer.alloc(MB, 'x');
    let left = total - head.length - tail.length;
    while (left > 0) {
      const n = Math.min(left, MB);
      await write(n === MB ? chunk : chunk.subarray(0, n));
      left -= n;
    }
    await write(tail);
  };
}

describe('bodies over the JSON limit', () => {
  it('40 MB JSON with a Content-Length → 400 MLflow error, nothing created', async () => {
    const { api, server } = fx();
    const before = journalBytes(server.dataDir);
    const res = await api.send({ method: 'POST', path: `${A}/experiments/create`, headers: { 'content-type': 'application/json', 'content-length': String(40 * MB) }, body: streamedJson(40 * MB), timeoutMs: 60_000 });
    expectMlflowError(res, { status: [400, 413] });
    expect(journalBytes(server.dataDir)).toBe(before);
  });

  it('40 MB JSON streamed with chunked encoding (no Content-Length) → 400 MLflow error, not a reset connection', async () => {
    const { api, server } = fx();
    const before = journalBytes(server.dataDir);
    const res = await api.send({ method: 'POST', path: `${A}/runs/log-batch`, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: streamedJson(40 * MB), timeoutMs: 60_000 });
    expectMlflowError(res, { status: [400, 413] });
    expect(journalBytes(server.dataDir)).toBe(before);
  });

  it('a Content-Length of 10^15 is refused at once, without waiting for the body', async () => {
    const { api } = fx();
    const res = await sendRawSocket(api.url, `POST ${A}/experiments/create HTTP/1.1\r\nHost: 127.0.0.1:${api.port}\r\nContent-Type: application/json\r\nContent-Length: 1000000000000000\r\n\r\n{"name":`, { timeoutMs: 10_000 });
    expectMlflowError(res, { status: [400, 413] });
  });

  it('three 40 MB uploads at once → three 400s, and the server survives', async () => {
    const { api } = fx();
    const all = await Promise.all(
      [0, 1, 2].map(() => api.send({ method: 'POST', path: `${A}/experiments/create`, headers: { 'content-type': 'application/json', 'content-length': String(40 * MB) }, body: streamedJson(40 * MB), timeoutMs: 90_000 })),
    );
    for (const r of all) expectMlflowError(r, { status: [400, 413] });
    await expectServing(api, fx().aliveRunId);
  });

  it('four 30 MB (under the limit) unterminated JSON bodies at once → four 400s', async () => {
    const { api } = fx();
    const body = (async (write) => {
      await write('{"name":"');
      const chunk = Buffer.alloc(MB, 'y');
      for (let i = 0; i < 30; i++) await write(chunk);
    }) satisfies RawRequest['body'];
    const all = await Promise.all([0, 1, 2, 3].map(() => api.send({ method: 'POST', path: `${A}/experiments/create`, headers: { 'content-type': 'application/json', 'content-length': String(30 * MB + 9) }, body, timeoutMs: 90_000 })));
    for (const r of all) expectMlflowError(r, { status: 400 });
  });

  it.each<[string, string, Record<string, string>]>([
    ['an unknown endpoint', `${A}/no-such-endpoint`, {}],
    ['a wrong method', `${A}/runs/get`, {}],
    ['a foreign Host', `${A}/experiments/create`, { host: 'evil.example' }],
    ['a foreign Origin', `${A}/experiments/create`, { origin: 'https://evil.example' }],
    ['a text/plain body', `${A}/experiments/create`, { 'content-type': 'text/plain' }],
  ])('40 MB sent to %s → 4xx without reading it all into memory', async (_label, path, headers) => {
    const { api } = fx();
    const res = await api.send({ method: 'POST', path, headers: { 'content-type': 'application/json', 'content-length': String(40 * MB), ...headers }, body: streamedJson(40 * MB), timeoutMs: 60_000 });
    expect(res.status, describeResponse(res)).toBeGreaterThanOrEqual(400);
    expect(res.status, describeResponse(res)).toBeLessThan(500);
  });
});

describe('bodies that are big but allowed, and bodies that lie', () => {
  it('a 30 MB tag value is truncated to MLflow\'s limit, not stored whole', async () => {
    const { api, server, experimentId } = fx();
    const { runId } = await api.createRun(experimentId);
    const before = journalBytes(server.dataDir);
    await api.ok(api.post(`${A}/runs/set-tag`, { run_id: runId, key: 'big', value: 'z'.repeat(30 * MB) }));
    const run = await api.getRun(runId);
    const tag = ((run.data as Json).tags as { key: string; value: string }[]).find((t) => t.key === 'big');
    expect(tag?.value.length).toBeLessThanOrEqual(8000);
    expect(journalBytes(server.dataDir) - before).toBeLessThan(MB);
  });

  it('a body shorter than its Content-Length, then a closed connection: the server shrugs it off', async () => {
    const { api } = fx();
    await sendRawSocket(api.url, `POST ${A}/experiments/create HTTP/1.1\r\nHost: 127.0.0.1:${api.port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":"short`, { endAfterWrite: true, timeoutMs: 5000 }).catch(() => null);
    expect(await api.experimentExists('short')).toBe(false);
    await expectServing(api, fx().aliveRunId);
  });

  it('a connection reset in the middle of a 20 MB body does not disturb the server', async () => {
    const { api } = fx();
    const res = api.send({
      method: 'POST', path: `${A}/experiments/create`, headers: { 'content-type': 'application/json', 'content-length': String(20 * MB) }, timeoutMs: 5000,
      body: async (write) => {
        await write('{"name":"');
        await write(Buffer.alloc(MB, 'x'));
        throw new Error('client gives up');
      },
    });
    await res.catch(() => null);
    await expectServing(api, fx().aliveRunId);
  });

  it.each<[string, string]>([
    ['a 64 kB header', `GET /health HTTP/1.1\r\nHost: HOST\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\nConnection: close\r\n\r\n`],
    ['a 1 MB URL', `GET ${A}/runs/get?run_id=${'a'.repeat(MB)} HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n`],
    ['a malformed request line', 'GARBAGE\r\n\r\n'],
    ['an invalid header', 'GET /health HTTP/1.1\r\nHost: HOST\r\nBad Header\r\n\r\n'],
    ['conflicting Content-Length and Transfer-Encoding (request smuggling shape)', `POST ${A}/experiments/create HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /health HTTP/1.1\r\nHost: HOST\r\n\r\n`],
    ['two Content-Length headers', `POST ${A}/experiments/create HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 20\r\n\r\n{}`],
  ])('%s → 4xx from the HTTP parser, and the server survives', async (_label, raw) => {
    const { api } = fx();
    const res = await sendRawSocket(api.url, raw.replaceAll('HOST', `127.0.0.1:${api.port}`), { timeoutMs: 10_000 }).catch((e: Error) => e);
    if (!(res instanceof Error)) {
      expect(res.status, describeResponse(res)).toBeGreaterThanOrEqual(400);
      expect(res.status, describeResponse(res)).toBeLessThan(500);
    }
    await expectServing(api, fx().aliveRunId);
  });
});

describe('after the size attacks', () => {
  it('no internal errors were logged and the server serves', async () => {
    const { api, aliveRunId, server } = fx();
    await expectServing(api, aliveRunId);
    // A client that disconnects mid-body ("aborted") is expected here; anything else is a 5xx.
    const internal = server.output().split('\n').filter((l) => /internal error|store failed/.test(l) && !/Error: aborted/.test(l));
    expect(internal).toEqual([]);
  });
});
