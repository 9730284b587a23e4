import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { send, type RawResponse } from './support/http';
import { describeResponse, expectMlflowError, expectServing, journalBytes, type Api } from './support/mlflow';
import { useSextant, type Fixture } from './support/server-fixture';

/**
 * `--token` and `--basic-auth`: every route except /health and /version answers 401 MLflow
 * JSON without the right credentials (checked before routing, so state never changes), and
 * works with them. The credentials are never echoed back.
 */
const TOKEN = 'secret';
const USER = 'user';
const PASS = 'pa:ss word';
const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

// Secrets from the environment, as the help recommends (the flags show in the process list).
const tokenFx = useSextant('auth-token', { env: { SEXTANT_TOKEN: TOKEN }, headers: { authorization: `Bearer ${TOKEN}` } });
const basicFx = useSextant('auth-basic', { env: { SEXTANT_BASIC_AUTH: `${USER}:${PASS}` }, headers: { authorization: basic(`${USER}:${PASS}`) } });

const A = '/api/2.0/mlflow';

/** One request of each shape and route family, as [label, method, path, body]. */
function routeSamples(f: Fixture): [string, string, string, string | undefined][] {
  const root = `${f.experimentId}/${f.runId}/artifacts`;
  return [
    ['experiments/get', 'GET', `${A}/experiments/get?experiment_id=0`, undefined],
    ['experiments/search', 'GET', `${A}/experiments/search`, undefined],
    ['experiments/create', 'POST', `${A}/experiments/create`, '{"name":"unauth"}'],
    ['runs/create', 'POST', `${A}/runs/create`, `{"experiment_id":"${f.experimentId}"}`],
    ['runs/get', 'GET', `${A}/runs/get?run_id=${f.runId}`, undefined],
    ['runs/search', 'POST', `${A}/runs/search`, `{"experiment_ids":["${f.experimentId}"]}`],
    ['runs/log-batch', 'POST', `${A}/runs/log-batch`, `{"run_id":"${f.runId}","tags":[{"key":"unauth","value":"x"}]}`],
    ['runs/delete', 'POST', `${A}/runs/delete`, `{"run_id":"${f.runId}"}`],
    ['metrics/get-history', 'GET', `${A}/metrics/get-history?run_id=${f.runId}&metric_key=m`, undefined],
    ['logged-models', 'POST', `${A}/logged-models`, `{"experiment_id":"${f.experimentId}"}`],
    ['server-info', 'GET', '/api/3.0/mlflow/server-info', undefined],
    ['ajax-api runs/get', 'GET', `/ajax-api/2.0/mlflow/runs/get?run_id=${f.runId}`, undefined],
    ['artifacts/list', 'GET', `${A}/artifacts/list?run_id=${f.runId}`, undefined],
    ['artifact PUT', 'PUT', `/api/2.0/mlflow-artifacts/artifacts/${root}/unauth.txt`, 'x'],
    ['artifact GET', 'GET', `/api/2.0/mlflow-artifacts/artifacts/${root}/keep.txt`, undefined],
    ['artifact DELETE', 'DELETE', `/api/2.0/mlflow-artifacts/artifacts/${root}/keep.txt`, undefined],
    ['artifact listing', 'GET', `/api/2.0/mlflow-artifacts/artifacts?path=${root}`, undefined],
    ['ajax artifact GET', 'GET', `/ajax-api/2.0/mlflow-artifacts/artifacts/${root}/keep.txt`, undefined],
    ['mpu/create', 'POST', `/api/2.0/mlflow-artifacts/mpu/create/${root}`, '{"path":"x.txt","num_parts":1}'],
    ['unknown route', 'GET', `${A}/no-such-route`, undefined],
    ['absolute-form /health target', 'GET', 'http://127.0.0.1/health/../api/2.0/mlflow/experiments/get?experiment_id=0', undefined],
  ];
}

function expectUnauthorized(r: RawResponse, context: string, secrets: string[]) {
  expectMlflowError(r, { status: 401, context });
  expect((r.json as { error_code: string }).error_code, context).toMatch(/^(UNAUTHENTICATED|CUSTOMER_UNAUTHORIZED)$/);
  for (const s of secrets) expect(r.text, `${context} echoed a credential`).not.toContain(s);
}

function authSuite(name: string, fx: () => Fixture, wrong: [string, string][], right: string[]) {
  describe(name, () => {
    it('setup: an artifact to protect', async () => {
      const { api, experimentId, runId } = fx();
      await api.ok(api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/keep.txt`, body: 'keep me' }));
    });

    const cases: [string, string | undefined][] = [['no Authorization header', undefined], ...wrong];
    it.each(cases)('%s: every route family answers 401 JSON and nothing changes', async (_label, authorization) => {
      const f = fx();
      const before = journalBytes(f.server.dataDir);
      const runBefore = await f.api.getRun(f.runId);
      for (const [label, method, path, body] of routeSamples(f)) {
        const res = authorization === undefined
          ? await sendWithout(f.api, method, path, body)
          : await f.api.send({ method, path, body, headers: { 'content-type': 'application/json', authorization } });
        expectUnauthorized(res, `${label} (${method} ${path.slice(0, 120)})`, [TOKEN, PASS]);
        expect(res.headers['www-authenticate'], label).toBeDefined();
        expect(res.text).not.toContain('keep me');
      }
      expect(journalBytes(f.server.dataDir), 'an unauthenticated request changed the store').toBe(before);
      expect(await f.api.getRun(f.runId)).toEqual(runBefore);
      expect(await f.api.experimentExists('unauth')).toBe(false);
      const root = join(f.server.dataDir, 'artifacts', f.experimentId, f.runId, 'artifacts');
      expect(existsSync(join(root, 'unauth.txt'))).toBe(false);
      expect(existsSync(join(root, 'keep.txt'))).toBe(true);
    });

    it.each(right.map((h): [string] => [h]))('with %s the API works', async (authorization) => {
      const f = fx();
      const r = await f.api.get(`${A}/runs/get`, { run_id: f.runId }, { authorization });
      expect(r.status, describeResponse(r)).toBe(200);
      const w = await f.api.send({ method: 'POST', path: `${A}/runs/set-tag`, body: JSON.stringify({ run_id: f.runId, key: 'authed', value: 'yes' }), headers: { authorization, 'content-type': 'application/json' } });
      expect(w.status, describeResponse(w)).toBe(200);
    });

    it('/health and /version stay open without credentials', async () => {
      const f = fx();
      for (const path of ['/health', '/version']) {
        const r = await sendWithout(f.api, 'GET', path, undefined);
        expect(r.status, `${path}: ${describeResponse(r)}`).toBe(200);
        expect(r.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('the server still serves', async () => {
      await expectServing(fx().api, fx().aliveRunId);
    });
  });
}

/** A request with no Authorization header at all (the fixture's Api adds one by default). */
function sendWithout(api: Api, method: string, path: string, body: string | undefined): Promise<RawResponse> {
  return send(api.url, { method, path, body, headers: body === undefined ? {} : { 'content-type': 'application/json' } });
}

authSuite(
  '--token',
  tokenFx,
  [
    ['wrong token', 'Bearer wrong'],
    ['token with a suffix', `Bearer ${TOKEN}x`],
    ['token prefix only', `Bearer ${TOKEN.slice(0, 3)}`],
    ['empty bearer', 'Bearer '],
    ['bare token without scheme', TOKEN],
    ['token as basic password', basic(`x:${TOKEN}`)],
    ['token as basic user', basic(`${TOKEN}:`)],
    ['two spaces', `Bearer  ${TOKEN}`],
    ['other scheme', `Token ${TOKEN}`],
    ['empty header', ''],
  ],
  [`Bearer ${TOKEN}`, `bearer ${TOKEN}`],
);

authSuite(
  '--basic-auth (password with a colon and a space)',
  basicFx,
  [
    ['wrong password', basic(`${USER}:wrong`)],
    ['password cut at the colon', basic(`${USER}:pa`)],
    ['user only', basic(USER)],
    ['wrong user', basic(`admin:${PASS}`)],
    ['empty credentials', basic(':')],
    ['not base64', 'Basic !!!not-base64!!!'],
    ['password as bearer token', `Bearer ${PASS}`],
    ['extra suffix', basic(`${USER}:${PASS}x`)],
    ['default MLflow credentials', basic('admin:password1234')],
    ['raw credentials without base64', `Basic ${USER}:${PASS}`],
  ],
  [basic(`${USER}:${PASS}`), `basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`],
);

describe('multipart part uploads (authorised by their random upload id, by design)', () => {
  it('a part PUT for an unknown upload id, without credentials, writes nothing', async () => {
    const f = tokenFx();
    const r = await sendWithout(f.api, 'PUT', `/api/2.0/mlflow-artifacts/mpu/part/${'a'.repeat(32)}/1`, 'x');
    expect(r.status, describeResponse(r)).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  it.each([
    ['..', (root: string) => `/api/2.0/mlflow-artifacts/mpu/part/../../artifacts/${root}/unauth-part.txt`],
    ['%2f', (root: string) => `/api/2.0/mlflow-artifacts/mpu/part/..%2f..%2fartifacts%2f${root.replaceAll('/', '%2f')}%2funauth-part.txt/1`],
  ])('a part-route prefix followed by %s cannot reach another route without credentials', async (_label, make) => {
    const f = tokenFx();
    const root = `${f.experimentId}/${f.runId}/artifacts`;
    const r = await sendWithout(f.api, 'PUT', make(root), 'x');
    expectMlflowError(r, { context: describeResponse(r) });
    expect(existsSync(join(f.server.dataDir, 'artifacts', root, 'unauth-part.txt'))).toBe(false);
  });

  it('an upload started with credentials can only be completed with credentials', async () => {
    const f = tokenFx();
    const root = `${f.experimentId}/${f.runId}/artifacts`;
    const out = await f.api.ok(f.api.post(`/api/2.0/mlflow-artifacts/mpu/create/${root}`, { path: 'mpu.txt', num_parts: 1 }));
    const part = await sendWithout(f.api, 'PUT', `/api/2.0/mlflow-artifacts/mpu/part/${out.upload_id as string}/1`, 'data');
    expect(part.status, describeResponse(part)).toBe(200);
    const complete = await sendWithout(f.api, 'POST', `/api/2.0/mlflow-artifacts/mpu/complete/${root}`, JSON.stringify({ path: 'mpu.txt', upload_id: out.upload_id, parts: [{ part_number: 1 }] }));
    expectUnauthorized(complete, 'mpu/complete without credentials', [TOKEN]);
    expect(existsSync(join(f.server.dataDir, 'artifacts', root, 'mpu.txt'))).toBe(false);
  });
});

const flagFx = useSextant('auth-flag', { extraArgs: ['--token', TOKEN], headers: { authorization: `Bearer ${TOKEN}` } });

describe('--token on the command line', () => {
  it('still works, and warns that the process list shows it', async () => {
    const { api, server } = flagFx();
    expect(server.output()).toMatch(/WARNING: --token is visible to every user of this machine in the process list; set SEXTANT_TOKEN/);
    expect((await sendWithout(api, 'GET', '/api/2.0/mlflow/experiments/search?max_results=1', undefined)).status).toBe(401);
    await expectServing(api, flagFx().aliveRunId);
  });
});
