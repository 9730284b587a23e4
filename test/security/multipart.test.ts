import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, makeCanaries } from './support/fs-watch';
import { describeResponse, expectMlflowError, expectServing, type Json } from './support/mlflow';
import { itStillServes, useSextant } from './support/server-fixture';

/**
 * The multipart artifact upload (mpu/create, part PUTs, mpu/complete, mpu/abort): traversal
 * in the URL, in the body's `path` and in upload ids, malformed numbers and parts, and
 * non-JSON "simple" POSTs. Canary files sit next to the store and must never change.
 */
const parent = mkdtempSync(join(tmpdir(), 'sextant-sec-mpu-'));
const storeDir = join(parent, 'store');
const canary = makeCanaries(join(parent, 'canary'));
const fx = useSextant('multipart', { dataDir: () => storeDir, afterStop: () => rm(parent, { recursive: true, force: true }) });

const MPU = '/api/2.0/mlflow-artifacts/mpu';
let root = '';
let rootDir = '';

const uploads = () => (existsSync(join(storeDir, 'uploads')) ? readdirSync(join(storeDir, 'uploads')).sort() : []);

async function create(dir: string, body: Json, headers: Record<string, string> = {}) {
  return fx().api.send({ method: 'POST', path: `${MPU}/create/${dir}`, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

/** A whole legitimate multipart upload of `content` to <root>/<name>; returns nothing, asserts success. */
async function upload(name: string, content: string) {
  const { api } = fx();
  const out = await api.ok(create(root, { path: `/home/me/${name}`, num_parts: 1 }));
  const cred = (out.credentials as { url: string }[])[0]!;
  const part = await api.send({ method: 'PUT', path: new URL(cred.url).pathname, body: content });
  expect(part.status, describeResponse(part)).toBe(200);
  await api.ok(api.post(`${MPU}/complete/${root}`, { path: `/home/me/${name}`, upload_id: out.upload_id, parts: [{ part_number: 1, etag: part.headers.etag }] }));
}

beforeAll(async () => {
  const { api, experimentId, runId } = fx();
  root = `${experimentId}/${runId}/artifacts`;
  rootDir = join(storeDir, 'artifacts', experimentId, runId, 'artifacts');
  await api.ok(api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/dir/keep.txt`, body: 'keep me' }));
});

describe('a legitimate multipart upload (control)', () => {
  it('create → part → complete writes the artifact inside the run', async () => {
    await upload('model.bin', 'hello parts');
    expect(readFileSync(join(rootDir, 'model.bin'), 'utf8')).toBe('hello parts');
    expect(uploads()).toEqual([]);
  });

  itStillServes(fx);
});

describe('traversal in the upload URL and body', () => {
  const escapes = ['../../../../../canary', '..%2f..%2f..%2f..%2f..%2fcanary', '%252e%252e%252f%252e%252e%252fcanary', '..\\..\\..\\canary', '/etc', '%00', 'a%00b'];
  it.each(escapes)('mpu/create/<run root>/%s → 4xx, no upload started', async (payload) => {
    for (const prefix of ['/api/2.0', '/ajax-api/2.0']) {
      const before = uploads();
      const res = await fx().api.send({ method: 'POST', path: `${prefix}/mlflow-artifacts/mpu/create/${root}/${payload}`, body: JSON.stringify({ path: 'x.txt', num_parts: 1 }), headers: { 'content-type': 'application/json' } });
      expectMlflowError(res, { context: `${prefix} mpu/create ${payload}` });
      expect(uploads()).toEqual(before);
    }
  });

  it.each(escapes)('mpu/create/%s (no run root) → 4xx', async (payload) => {
    const res = await create(payload, { path: 'x.txt', num_parts: 1 });
    expectMlflowError(res);
  });

  it.each(['..', '.', 'a/..', 'C:\\x\\..', '%2e%2e', 'x\u0000y', '', 'dir/', '\\'])('body path %j → 400', async (path) => {
    const before = uploads();
    const res = await create(root, { path, num_parts: 1 });
    expectMlflowError(res, { status: 400, context: `path ${JSON.stringify(path)}` });
    expect(uploads()).toEqual(before);
  });

  it('a body path that walks out of the client folder only contributes its file name', async () => {
    const { api } = fx();
    const local = `../../../../../../${canary.victim.replace(/^\//, '')}`;
    const out = await api.ok(create(root, { path: local, num_parts: 1 }));
    const cred = (out.credentials as { url: string }[])[0]!;
    await api.ok(api.send({ method: 'PUT', path: new URL(cred.url).pathname, body: 'PWNED' }));
    await api.ok(api.post(`${MPU}/complete/${root}`, { path: local, upload_id: out.upload_id, parts: [{ part_number: 1 }] }));
    canary.verify();
    expect(readFileSync(join(rootDir, 'victim.txt'), 'utf8')).toBe('PWNED');
  });

  it('part URLs are built from our own Host header (never a foreign one)', async () => {
    const out = await fx().api.ok(create(root, { path: 'h.txt', num_parts: 2 }));
    for (const c of out.credentials as { url: string }[]) expect(new URL(c.url).host).toBe(new URL(fx().api.url).host);
    await fx().api.ok(fx().api.post(`${MPU}/abort/${root}`, { path: 'h.txt', upload_id: out.upload_id }));
  });

  itStillServes(fx);
});

describe('malformed numbers, ids and parts', () => {
  it.each(['0', '-1', '10001', '"abc"', '1.5', '1e400', 'true', '{}', '[]'])('num_parts %s → 400', async (n) => {
    const before = uploads();
    const res = await fx().api.send({ method: 'POST', path: `${MPU}/create/${root}`, body: `{"path":"n.txt","num_parts":${n}}`, headers: { 'content-type': 'application/json' } });
    expectMlflowError(res, { status: 400 });
    expect(uploads()).toEqual(before);
  });

  it.each(['..', '%2e%2e', '..%2f..%2fartifacts', 'g'.repeat(32), '0'.repeat(31), 'A'.repeat(32), `${'0'.repeat(32)}%00`])('part PUT with upload id %s → 4xx, nothing written', async (id) => {
    const res = await fx().api.send({ method: 'PUT', path: `${MPU}/part/${id}/1`, body: 'PWNED' });
    expectMlflowError(res);
    canary.verify();
  });

  it('part PUT for an unknown (well-formed) upload id → 404', async () => {
    const res = await fx().api.send({ method: 'PUT', path: `${MPU}/part/${'0'.repeat(32)}/1`, body: 'x' });
    expectMlflowError(res, { status: 404 });
  });

  it.each(['0', '-1', '3', 'abc', '1.5', '1e0x', '..', '..%2f..%2f..%2fx'])('part number %s → 4xx', async (part) => {
    const out = await fx().api.ok(create(root, { path: 'p.txt', num_parts: 2 }));
    const res = await fx().api.send({ method: 'PUT', path: `${MPU}/part/${out.upload_id as string}/${part}`, body: 'PWNED' });
    expectMlflowError(res, { context: `part ${part}` });
    await fx().api.ok(fx().api.post(`${MPU}/abort/${root}`, { path: 'p.txt', upload_id: out.upload_id }));
    canary.verify();
  });

  it.each<[string, (id: string) => Json]>([
    ['upload_id ../x', () => ({ path: 'c.txt', upload_id: '../x', parts: [] })],
    ['upload_id {}', () => ({ path: 'c.txt', upload_id: {}, parts: [] })],
    ['parts "x"', (id) => ({ path: 'c.txt', upload_id: id, parts: 'x' })],
    ['parts [1]', (id) => ({ path: 'c.txt', upload_id: id, parts: [1] })],
    ['part_number "a"', (id) => ({ path: 'c.txt', upload_id: id, parts: [{ part_number: 'a' }] })],
    ['part_number -1', (id) => ({ path: 'c.txt', upload_id: id, parts: [{ part_number: -1 }] })],
    ['part never uploaded', (id) => ({ path: 'c.txt', upload_id: id, parts: [{ part_number: 2 }] })],
    ['etag mismatch', (id) => ({ path: 'c.txt', upload_id: id, parts: [{ part_number: 1, etag: '"1-999"' }] })],
    ['no parts at all', (id) => ({ path: 'c.txt', upload_id: id, parts: [] })],
    ['parts omitted', (id) => ({ path: 'c.txt', upload_id: id })],
  ])('complete with %s → 4xx, the existing artifact is untouched', async (_label, make) => {
    const { api } = fx();
    await upload('c.txt', 'original');
    const out = await api.ok(create(root, { path: 'c.txt', num_parts: 2 }));
    await api.ok(api.send({ method: 'PUT', path: `${MPU}/part/${out.upload_id as string}/1`, body: 'replacement' }));
    const res = await api.post(`${MPU}/complete/${root}`, make(out.upload_id as string));
    expectMlflowError(res, { context: _label });
    expect(readFileSync(join(rootDir, 'c.txt'), 'utf8'), 'the artifact was overwritten by a refused or empty completion').toBe('original');
    await api.post(`${MPU}/abort/${root}`, { path: 'c.txt', upload_id: out.upload_id });
  });

  it.each(['../x', '%2e%2e', '', 'g'.repeat(32)])('abort with upload id %j → 4xx or harmless, nothing outside removed', async (id) => {
    const res = await fx().api.post(`${MPU}/abort/${root}`, { path: 'x', upload_id: id });
    if (res.status !== 200) expectMlflowError(res);
    canary.verify();
    expect(readFileSync(join(rootDir, 'dir', 'keep.txt'), 'utf8')).toBe('keep me');
  });

  it('completing onto an existing folder → 4xx (not 500), folder untouched', async () => {
    const { api } = fx();
    const out = await api.ok(create(root, { path: 'dir', num_parts: 1 }));
    await api.ok(api.send({ method: 'PUT', path: `${MPU}/part/${out.upload_id as string}/1`, body: 'x' }));
    const res = await api.post(`${MPU}/complete/${root}`, { path: 'dir', upload_id: out.upload_id, parts: [{ part_number: 1 }] });
    expectMlflowError(res, { context: 'complete onto a folder' });
    expect(readFileSync(join(rootDir, 'dir', 'keep.txt'), 'utf8')).toBe('keep me');
  });

  itStillServes(fx);
});

describe('CSRF: multipart endpoints only take JSON', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('mpu/create with Content-Type %s → refused, no upload started', async (type) => {
    const before = uploads();
    const res = await create(root, { path: 'csrf.txt', num_parts: 1 }, { 'content-type': type });
    expectMlflowError(res, { status: [400, 403, 415] });
    expect(uploads()).toEqual(before);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])('mpu/complete with Content-Type %s → refused, artifact untouched', async (type) => {
    const { api } = fx();
    await upload('csrf-target.txt', 'original');
    const out = await api.ok(create(root, { path: 'csrf-target.txt', num_parts: 1 }));
    await api.ok(api.send({ method: 'PUT', path: `${MPU}/part/${out.upload_id as string}/1`, body: 'forged' }));
    const res = await api.send({
      method: 'POST', path: `${MPU}/complete/${root}`, body: JSON.stringify({ path: 'csrf-target.txt', upload_id: out.upload_id, parts: [{ part_number: 1 }] }),
      headers: { 'content-type': type },
    });
    expectMlflowError(res, { status: [400, 403, 415] });
    expect(readFileSync(join(rootDir, 'csrf-target.txt'), 'utf8')).toBe('original');
    await api.post(`${MPU}/abort/${root}`, { path: 'csrf-target.txt', upload_id: out.upload_id });
  });

  itStillServes(fx);
});

describe('after all multipart attacks', () => {
  it('canaries intact, nothing beside the store, no 5xx logged, server serving', async () => {
    canary.verify();
    expect(readdirSync(parent).sort()).toEqual(['canary', 'store']);
    expectNoLeak(readFileSync(join(rootDir, 'dir', 'keep.txt'), 'utf8'), 'keep.txt');
    await expectServing(fx().api, fx().aliveRunId);
  });
});
