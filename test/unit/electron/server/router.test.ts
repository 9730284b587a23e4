import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY } from '../../../../electron/server/http-io';
import { reqString } from '../../../../electron/server/request-fields';
import { Routes } from '../../../../electron/server/router';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

// fetch() refuses a GET with a body, so requests go through node:http, with a Content-Length as
// Python's requests sends (Node sends a GET body unframed otherwise).
function send(base: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const length: Record<string, string> = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { ...headers, ...length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch {
          reject(new Error(`HTTP ${res.statusCode}, not JSON: ${text.slice(0, 200)}`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('MLflow routes: where a GET reads its message (as mlflow/server/handlers.py _get_request_message)', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const routes = new Routes(() => undefined);
    routes.mlflow('GET', '/echo', (m) => ({ message: m }));
    routes.mlflow('GET', '/registered-models/get', (m) => ({ registered_model: { name: reqString(m, 'name') } }));
    server = createServer((req, res) => routes.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const json = { 'content-type': 'application/json' };

  it('reads a GET without a query string from its JSON body (mlflow-export-import sends parameters so)', async () => {
    const got = await send(base, 'GET', '/api/2.0/mlflow/registered-models/get', JSON.stringify({ name: 'm1' }), json);
    expect(got).toEqual({ status: 200, body: { registered_model: { name: 'm1' } } });
    // MLflow reads the body whatever its Content-Type (get_json(force=True)), on the /ajax-api copy too.
    expect(await send(base, 'GET', '/ajax-api/2.0/mlflow/registered-models/get', '{"name":"m2"}')).toEqual({ status: 200, body: { registered_model: { name: 'm2' } } });
  });

  it('reads a GET with a query string from the query alone, ignoring any body', async () => {
    const got = await send(base, 'GET', '/api/2.0/mlflow/echo?name=q&tag=a&tag=b', JSON.stringify({ name: 'from-body', other: 1 }), json);
    expect(got).toEqual({ status: 200, body: { message: { name: 'q', tag: ['a', 'b'] } } });
    // A key without a value still makes a query string, as in Flask's request.args.
    expect((await send(base, 'GET', '/api/2.0/mlflow/echo?flag', '{"name":"from-body"}', json)).body).toEqual({ message: { flag: '' } });
  });

  it('treats a bare "?" as no query string, and no body as an empty message', async () => {
    expect((await send(base, 'GET', '/api/2.0/mlflow/echo?', '{"name":"b"}', json)).body).toEqual({ message: { name: 'b' } });
    expect((await send(base, 'GET', '/api/2.0/mlflow/echo')).body).toEqual({ message: {} });
    const missing = await send(base, 'GET', '/api/2.0/mlflow/registered-models/get');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining("Missing value for required parameter 'name'") });
  });

  it('reads a GET body as it reads a POST body: double-encoded JSON decoded, malformed or non-object refused', async () => {
    const twice = JSON.stringify(JSON.stringify({ name: 'r' }));
    expect((await send(base, 'GET', '/api/2.0/mlflow/registered-models/get', twice, json)).body).toEqual({ registered_model: { name: 'r' } });
    expect(await send(base, 'GET', '/api/2.0/mlflow/echo', '{"name":', json)).toMatchObject({ status: 400, body: { error_code: 'BAD_REQUEST' } });
    expect(await send(base, 'GET', '/api/2.0/mlflow/echo', '["name"]', json)).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Request body must be a JSON object.' } });
  });

  it('refuses a GET body over the JSON body limit without reading it all', async () => {
    const huge = Buffer.alloc(MAX_JSON_BODY + 1024, 0x20);
    const got = await send(base, 'GET', '/api/2.0/mlflow/echo', huge, json);
    expect(got.status).toBe(400);
    expect(got.body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('exceeds the limit') });
  });
});

describe('MLflow routes: their work runs as fair turns (WorkTurns)', () => {
  it('measures each RPC and its answer as a kind of work, and answers errors thrown there as usual', async () => {
    const routes = new Routes(() => undefined);
    routes.mlflow('POST', '/echo', (m) => ({ message: m }));
    routes.mlflow('POST', '/fails', (m) => reqString(m, 'name'));
    const server = createServer((req, res) => routes.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const json = { 'content-type': 'application/json' };
      expect(routes.turns.averageMs('POST /echo')).toBeUndefined();
      // the first of a kind (cost unknown) waits for a turn, later ones may run at once: same answers
      for (let i = 0; i < 3; i++) expect(await send(base, 'POST', '/api/2.0/mlflow/echo', `{"i":${i}}`, json)).toEqual({ status: 200, body: { message: { i } } });
      expect(routes.turns.averageMs('POST /echo')).toBeDefined();
      expect(routes.turns.averageMs('POST /echo (answer)')).toBeDefined();
      for (let i = 0; i < 2; i++) expect(await send(base, 'POST', '/api/2.0/mlflow/fails', '{}', json)).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
      expect(await send(base, 'POST', '/api/2.0/mlflow/echo', '{"a":', json)).toMatchObject({ status: 400, body: { error_code: 'BAD_REQUEST' } });
      expect(routes.turns.waiting).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
