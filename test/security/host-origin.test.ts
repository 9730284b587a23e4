import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendRawSocket, type RawResponse } from './support/http';
import { describeResponse, expectMlflowError, expectServing, journalBytes } from './support/mlflow';
import { itStillServes, useSextant } from './support/server-fixture';

/**
 * S5 (Host header / DNS rebinding), S6 (CORS / CSRF) and S8 (response headers): refused
 * before any handler runs, so nothing changes; no CORS grant to anyone; nosniff everywhere.
 */
const fx = useSextant('host-origin');
const A = '/api/2.0/mlflow';

let root = '';
let rootDir = '';

beforeAll(async () => {
  const { api, experimentId, runId, server } = fx();
  root = `${experimentId}/${runId}/artifacts`;
  rootDir = join(server.dataDir, 'artifacts', experimentId, runId, 'artifacts');
  await api.ok(api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/keep.txt`, body: 'keep me' }));
});

/** A refusal by the security layer: 403, nothing HTML, nosniff, no CORS grant. */
function expectForbidden(r: RawResponse, context: string) {
  expect(r.status, `${context}: ${describeResponse(r)}`).toBe(403);
  expect(r.text, context).not.toMatch(/<html|<!doctype|<body|<script/i);
  expect(r.headers['x-content-type-options'], context).toBe('nosniff');
  expect(r.headers['access-control-allow-origin'], context).toBeUndefined();
}

function noCorsGrant(r: RawResponse, context: string) {
  expect(r.headers['access-control-allow-origin'], `${context} granted CORS`).toBeUndefined();
  expect(r.headers['access-control-allow-credentials'], `${context} granted CORS credentials`).toBeUndefined();
}

describe('S5: Host header (DNS rebinding)', () => {
  const badHosts = (port: number) => [
    'evil.example',
    `evil.example:${port}`,
    `10.attacker.example:${port}`,
    `192.168.evil.example:${port}`,
    `172.16.x.example:${port}`,
    `localhost.evil.example:${port}`,
    `127.0.0.1.nip.io:${port}`,
    'LOCALHOST.',
    `localhost.:${port}`,
    `[::ffff:127.0.0.1]:${port}`,
    `0.0.0.0:${port}`,
    `2130706433:${port}`,
    `0x7f000001:${port}`,
    `127.1:${port}`,
    '127.0.0.1',
    'localhost',
    `127.0.0.1:${port + 1}`,
    `localhost:${port}@evil.example`,
    `evil.example#@127.0.0.1:${port}`,
    '',
  ];
  const labels = badHosts(5000).map((h, i): [string, number] => [h.replace('5000', 'PORT').replace('5001', 'PORT+1') || '(empty)', i]);

  it.each(labels)('Host %s: GET is refused with 403 before any handler (even for an unknown route)', async (_label, i) => {
    const { api } = fx();
    const host = badHosts(api.port)[i]!;
    for (const path of [`${A}/experiments/get?experiment_id=0`, `${A}/experiments/search`, `/api/2.0/mlflow-artifacts/artifacts/${root}/keep.txt`, `${A}/no-such-route`]) {
      const r = await api.send({ path, headers: { host } });
      expectForbidden(r, `GET ${path} Host=${JSON.stringify(host)}`);
      expect(r.text).not.toContain('keep me');
    }
  });

  it.each(labels)('Host %s: POST/PUT/DELETE are refused with 403 and change nothing', async (_label, i) => {
    const { api, server } = fx();
    const host = badHosts(api.port)[i]!;
    const before = journalBytes(server.dataDir);
    expectForbidden(await api.post(`${A}/experiments/create`, { name: `rebind-${i}` }, { headers: { host } }), 'POST experiments/create');
    expectForbidden(await api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/rebind-${i}.txt`, body: 'x', headers: { host } }), 'PUT artifact');
    expectForbidden(await api.send({ method: 'DELETE', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/keep.txt`, headers: { host } }), 'DELETE artifact');
    expect(journalBytes(server.dataDir)).toBe(before);
    expect(await api.experimentExists(`rebind-${i}`)).toBe(false);
    expect(existsSync(join(rootDir, `rebind-${i}.txt`))).toBe(false);
    expect(readFileSync(join(rootDir, 'keep.txt'), 'utf8')).toBe('keep me');
  });

  it('no Host header at all (HTTP/1.0 over a raw socket) → 403 for GET and POST, nothing created', async () => {
    const { api, server } = fx();
    const before = journalBytes(server.dataDir);
    const get = await sendRawSocket(api.url, `GET ${A}/experiments/get?experiment_id=0 HTTP/1.0\r\n\r\n`);
    expectForbidden(get, 'HTTP/1.0 GET without Host');
    const body = JSON.stringify({ name: 'no-host' });
    const post = await sendRawSocket(api.url, `POST ${A}/experiments/create HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expectForbidden(post, 'HTTP/1.0 POST without Host');
    expect(journalBytes(server.dataDir)).toBe(before);
    expect(await api.experimentExists('no-host')).toBe(false);
  });

  it('two Host headers (one ours, one foreign) are not accepted', async () => {
    const { api } = fx();
    const r = await sendRawSocket(api.url, `GET ${A}/experiments/get?experiment_id=0 HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1:${api.port}\r\nConnection: close\r\n\r\n`);
    expect(r.status, describeResponse(r)).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.text).not.toContain('"experiment"');
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', '[::1]:PORT'])('Host %s is accepted for GET and POST', async (h) => {
    const { api } = fx();
    const host = h.replace('PORT', String(api.port));
    const get = await api.send({ path: `${A}/experiments/get?experiment_id=0`, headers: { host } });
    expect(get.status, describeResponse(get)).toBe(200);
    const name = `accepted-${h.replace(/\W/g, '')}`;
    const post = await api.post(`${A}/experiments/create`, { name }, { headers: { host } });
    expect(post.status, describeResponse(post)).toBe(200);
    expect(await api.experimentExists(name)).toBe(true);
  });

  itStillServes(fx);
});

describe('S6: Origin (CSRF) and CORS', () => {
  const badOrigins = (port: number) => [
    'https://evil.example',
    'null',
    'http://evil.example',
    `http://127.0.0.1:${port + 1}`,
    `http://localhost:${port + 1}`,
    `https://127.0.0.1:${port}`,
    `http://localhost:${port}.evil.example`,
    `http://127.0.0.1:${port}@evil.example`,
    'file://',
    'chrome-extension://abcdefghijklmnop',
    `http://[::ffff:127.0.0.1]:${port}`,
    '',
  ];
  const labels = badOrigins(5000).map((o, i): [string, number] => [o.replace('5000', 'PORT').replace('5001', 'PORT+1') || '(empty)', i]);

  it.each(labels)('Origin %s: state-changing requests → 403, nothing changes', async (_label, i) => {
    const { api, server, runId } = fx();
    const origin = badOrigins(api.port)[i]!;
    const headers = { origin };
    const before = journalBytes(server.dataDir);
    const runBefore = await api.getRun(runId);
    const name = `csrf-origin-${i}`;
    expectForbidden(await api.post(`${A}/experiments/create`, { name }, { headers }), `POST experiments/create Origin=${origin}`);
    expectForbidden(await api.post(`${A}/runs/set-tag`, { run_id: runId, key: 'csrf', value: 'x' }, { headers }), 'POST runs/set-tag');
    expectForbidden(await api.post(`${A}/runs/delete`, { run_id: runId }, { headers }), 'POST runs/delete');
    expectForbidden(await api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/csrf-${i}.txt`, body: 'x', headers }), 'PUT artifact');
    expectForbidden(await api.send({ method: 'DELETE', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/keep.txt`, headers }), 'DELETE artifact');
    expectForbidden(await api.send({ method: 'POST', path: `/api/2.0/mlflow-artifacts/mpu/create/${root}`, body: '{"path":"x","num_parts":1}', headers: { ...headers, 'content-type': 'text/plain' } }), 'POST mpu/create');
    expectForbidden(await api.post(`${A}/experiments/create`.replace('/api/', '/ajax-api/'), { name }, { headers }), 'POST ajax-api experiments/create');
    expect(journalBytes(server.dataDir)).toBe(before);
    expect(await api.experimentExists(name)).toBe(false);
    expect(await api.getRun(runId)).toEqual(runBefore);
    expect(existsSync(join(rootDir, `csrf-${i}.txt`))).toBe(false);
    expect(readFileSync(join(rootDir, 'keep.txt'), 'utf8')).toBe('keep me');
  });

  it('our own origin may POST (the UI on the same host and port)', async () => {
    const { api } = fx();
    const r = await api.post(`${A}/experiments/create`, { name: 'same-origin' }, { headers: { origin: `http://127.0.0.1:${api.port}` } });
    expect(r.status, describeResponse(r)).toBe(200);
    noCorsGrant(r, 'same-origin POST');
  });

  it('a GET from a foreign origin is answered without any CORS grant (the browser cannot read it)', async () => {
    const { api } = fx();
    for (const origin of ['https://evil.example', 'null']) {
      const r = await api.get(`${A}/experiments/get`, { experiment_id: '0' }, { origin });
      noCorsGrant(r, `GET with Origin ${origin}`);
      expect(r.headers.vary ?? '').not.toMatch(/\*/);
    }
  });

  it.each([`${A}/experiments/create`, `/api/2.0/mlflow-artifacts/artifacts/ROOT/x.txt`, `${A}/runs/search`, '/health'])('OPTIONS preflight for %s from a foreign origin is refused with no CORS grant', async (path) => {
    const { api } = fx();
    const r = await api.send({
      method: 'OPTIONS', path: path.replace('ROOT', root),
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(r.status, describeResponse(r)).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    noCorsGrant(r, `OPTIONS ${path}`);
    expect(r.headers['access-control-allow-methods']).toBeUndefined();
    expect(r.headers['access-control-allow-headers']).toBeUndefined();
  });

  itStillServes(fx);
});

describe('S8: security headers on every kind of response', () => {
  it('nosniff and no CORS grant on 200/400/403/404/405 JSON, text, and artifact downloads', async () => {
    const { api, runId } = fx();
    const responses: [string, RawResponse][] = [
      ['GET /health', await api.get('/health')],
      ['GET /version', await api.get('/version')],
      ['200 JSON', await api.get(`${A}/runs/get`, { run_id: runId })],
      ['400 JSON', await api.get(`${A}/runs/get`, { run_id: '../x' })],
      ['404 JSON', await api.get(`${A}/nope`)],
      ['405 JSON', await api.get(`${A}/runs/create`)],
      ['403 Host', await api.send({ path: '/health', headers: { host: 'evil.example' } })],
      ['403 Origin', await api.post(`${A}/experiments/create`, { name: 'h' }, { headers: { origin: 'https://evil.example' } })],
      ['OPTIONS', await api.send({ method: 'OPTIONS', path: `${A}/runs/get` })],
      ['artifact download', await api.get(`/api/2.0/mlflow-artifacts/artifacts/${root}/keep.txt`)],
      ['artifact listing', await api.get('/api/2.0/mlflow-artifacts/artifacts', { path: root })],
    ];
    for (const [label, r] of responses) {
      expect(r.headers['x-content-type-options'], `${label}: ${describeResponse(r)}`).toBe('nosniff');
      noCorsGrant(r, label);
    }
  });

  it('HTML and SVG artifacts are downloaded as attachments, never rendered by the browser', async () => {
    const { api } = fx();
    const files: [string, string][] = [['page.html', '<script>alert(1)</script>'], ['image.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>']];
    for (const [name, body] of files) {
      await api.ok(api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/${name}`, body }));
      const r = await api.get(`/api/2.0/mlflow-artifacts/artifacts/${root}/${name}`);
      expect(r.status).toBe(200);
      expect(r.headers['content-disposition'], name).toMatch(/^attachment/);
      expect(r.headers['x-content-type-options'], name).toBe('nosniff');
      expect(r.headers['x-frame-options'], name).toBe('DENY');
      noCorsGrant(r, name);
    }
  });

  it('an HTML artifact download carries a sandboxing Content-Security-Policy (S8: HTML responses need CSP)', async () => {
    const { api } = fx();
    await api.ok(api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/csp.html`, body: '<script>alert(1)</script>' }));
    const r = await api.get(`/api/2.0/mlflow-artifacts/artifacts/${root}/csp.html`);
    expect(r.headers['content-security-policy'], 'served without a CSP').toMatch(/sandbox/);
  });

  it.each(['evil.js', 'evil.mjs', 'page.html', 'image.svg', 'page.xhtml', 'style.css', 'data.json'])(
    'an artifact named %s is served as bytes no browser runs, for this origin only',
    async (name) => {
      const { api } = fx();
      await api.ok(api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/typed/${name}`, body: 'fetch("/rpc/x")' }));
      const r = await api.get(`/api/2.0/mlflow-artifacts/artifacts/${root}/typed/${name}`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type'], name).toBe('application/octet-stream');
      expect(r.headers['x-content-type-options'], name).toBe('nosniff');
      expect(r.headers['cross-origin-resource-policy'], name).toBe('same-origin');
    },
  );

  it('a Content-Type of <script>alert(1)</script> is not reflected (CVE-2023-6568)', async () => {
    const { api } = fx();
    const r = await api.send({ method: 'POST', path: `${A}/experiments/create`, body: '{"name":"ct-xss"}', headers: { 'content-type': '<script>alert(1)</script>' } });
    expectMlflowError(r, { status: [400, 415] });
    expect(r.text).not.toContain('<script');
  });

  it('the security layer answers in MLflow error JSON ({"error_code","message"}), like every other 4xx', async () => {
    const { api } = fx();
    expectMlflowError(await api.send({ path: `${A}/experiments/get?experiment_id=0`, headers: { host: 'evil.example' } }), { status: 403, context: 'bad Host' });
    expectMlflowError(await api.post(`${A}/experiments/create`, { name: 'json-403' }, { headers: { origin: 'https://evil.example' } }), { status: 403, context: 'foreign Origin' });
    expectMlflowError(await api.send({ method: 'OPTIONS', path: `${A}/runs/get`, headers: { origin: 'https://evil.example' } }), { context: 'OPTIONS preflight' });
  });

  itStillServes(fx);
});

describe('after the header attacks', () => {
  it('the server still serves', async () => {
    await expectServing(fx().api, fx().aliveRunId);
  });
});
