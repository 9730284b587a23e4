import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, listTree, makeCanaries } from './support/fs-watch';
import type { RawResponse } from './support/http';
import { describeResponse, expectMlflowError, expectServing } from './support/mlflow';
import { itStillServes, useSextant } from './support/server-fixture';

/**
 * S1: artifact path traversal on every artifact route (and its /ajax-api copy), with the
 * payload shapes of past MLflow advisories. The store lives in <parent>/store and canary files
 * in <parent>/canary: they must never be served, changed or deleted, <parent> must gain
 * nothing, and the store's artifact tree must gain only what the test uploaded on purpose.
 */
const parent = mkdtempSync(join(tmpdir(), 'sextant-sec-artifacts-'));
const storeDir = join(parent, 'store');
const canary = makeCanaries(join(parent, 'canary'));
const fx = useSextant('artifact-traversal', { dataDir: () => storeDir, afterStop: () => rm(parent, { recursive: true, force: true }) });

const PREFIXES = ['/api/2.0', '/ajax-api/2.0'] as const;
const UPS = 14; // more '..' than the store is deep: traversal clamps at '/', so absolute targets are reached

let root = ''; // <experiment>/<run>/artifacts
let rootDir = ''; // its folder on disk
let treeBefore: string[] = [];

/** Every shape of "go up and reach `target`" from the advisories, URL-encoded as sent. */
function escapes(target: string): [string, string][] {
  const t = target.replace(/^\//, '');
  const enc = (sep: string) => t.split('/').join(sep);
  return [
    ['../ (raw)', `${'../'.repeat(UPS)}${t}`],
    ['..%2f', `${'..%2f'.repeat(UPS)}${enc('%2f')}`],
    ['..%2F', `${'..%2F'.repeat(UPS)}${enc('%2F')}`],
    ['%2e%2e/', `${'%2e%2e/'.repeat(UPS)}${t}`],
    ['%2E%2E%2F', `${'%2E%2E%2F'.repeat(UPS)}${enc('%2F')}`],
    ['.%2e/', `${'.%2e/'.repeat(UPS)}${t}`],
    ['double-encoded %252e%252e%252f', `${'%252e%252e%252f'.repeat(UPS)}${enc('%252f')}`],
    ['double-encoded %252E%252E%252F', `${'%252E%252E%252F'.repeat(UPS)}${enc('%252F')}`],
    ['..\\ (raw backslashes)', `${'..\\'.repeat(UPS)}${enc('\\')}`],
    ['..%5c', `${'..%5c'.repeat(UPS)}${enc('%5c')}`],
    ['double-encoded ..%255c', `${'..%255c'.repeat(UPS)}${enc('%255c')}`],
    ['absolute', `/${t}`],
    ['absolute %2f', `%2f${enc('%2f')}`],
    ['//proc/self/root', `/proc/self/root/${t}`],
    ['\\\\?\\ UNC prefix', `\\\\%3F\\${enc('\\')}`],
    ['NUL then traversal', `a%00/${'../'.repeat(UPS)}${t}`],
    ['traversal then NUL', `${'../'.repeat(UPS)}${t}%00.txt`],
    ['encoded ? then traversal', `a%3F/${'../'.repeat(UPS)}${t}`],
    ['encoded # then traversal', `a%23/${'../'.repeat(UPS)}${t}`],
    ['mixed ..%2f../', `${'..%2f../'.repeat(UPS)}${t}`],
    ['....//', `${'....//'.repeat(UPS)}${t}`],
    ['up then down into the store', `x/../../../../${t}`],
  ];
}

const SMALL: [string, string][] = [
  ['a%00.txt', 'a%00.txt'],
  ['..', '..'],
  ['.', '.'],
  ['%2e%2e', '%2e%2e'],
  ['dir/..', 'dir/..'],
  ['dir/.', 'dir/.'],
  ['dir//keep2.txt', 'dir//keep2.txt'],
  ['control char %01', 'a%01b'],
  ['newline %0a', 'a%0ab'],
];

type Variant = { name: string; method: 'GET' | 'PUT' | 'DELETE'; url: (payload: string) => string; inRoot: boolean };

function variants(): Variant[] {
  const out: Variant[] = [];
  for (const p of PREFIXES) {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      out.push({ name: `${method} ${p}/mlflow-artifacts/artifacts/<run root>/<payload>`, method, url: (x) => `${p}/mlflow-artifacts/artifacts/${root}/${x}`, inRoot: true });
      out.push({ name: `${method} ${p}/mlflow-artifacts/artifacts/<payload>`, method, url: (x) => `${p}/mlflow-artifacts/artifacts/${x}`, inRoot: false });
    }
    out.push({ name: `GET ${p}/mlflow-artifacts/artifacts?path=<run root>/<payload>`, method: 'GET', url: (x) => `${p}/mlflow-artifacts/artifacts?path=${root}/${x}`, inRoot: true });
    out.push({ name: `GET ${p}/mlflow-artifacts/artifacts?path=<payload>`, method: 'GET', url: (x) => `${p}/mlflow-artifacts/artifacts?path=${x}`, inRoot: false });
    out.push({ name: `GET ${p}/mlflow/artifacts/list?run_id=<run>&path=<payload>`, method: 'GET', url: (x) => `${p}/mlflow/artifacts/list?run_id=${fx().runId}&path=${x}`, inRoot: true });
  }
  return out;
}

/** One attack: 4xx MLflow error, no canary or system-file bytes in the answer, canaries intact. */
async function attack(method: string, url: string): Promise<RawResponse> {
  const writes = method === 'PUT' || method === 'POST';
  const res = await fx().api.send({ method, path: url, body: writes ? `PWNED ${url}` : undefined, headers: writes ? { 'content-type': 'text/plain' } : {} });
  const ctx = `${method} ${url}`;
  expectNoLeak(res.text, ctx);
  // Error messages may echo the requested path; a successful listing must not name files outside.
  if (res.status < 300) expect(res.text, `a listing named a file outside the store — ${ctx}`).not.toMatch(/secret\.txt|victim\.txt|passwd/);
  expectMlflowError(res, { context: ctx, status: [400, 404] });
  canary.verify(`after ${ctx}`);
  return res;
}

beforeAll(async () => {
  const { api, experimentId, runId } = fx();
  root = `${experimentId}/${runId}/artifacts`;
  rootDir = join(storeDir, 'artifacts', experimentId, runId, 'artifacts');
  for (const [path, body] of [['keep.txt', 'keep me'], ['dir/keep2.txt', 'keep me too']]) {
    await api.ok(api.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/${path}`, body }));
  }
  treeBefore = listTree(storeDir).filter((p) => p.startsWith('artifacts/'));
  expect(treeBefore).toContain(`artifacts/${root}/keep.txt`);
});

describe('S1 traversal payloads on every artifact route', () => {
  const targets = {
    GET: ['/etc/passwd', '/CANARY/secret.txt'],
    PUT: ['/CANARY/sub/victim.txt', '/CANARY/sub/planted.txt'],
    DELETE: ['/CANARY/sub/victim.txt', '/CANARY/secret.txt'],
  } as const;
  for (const v of variants()) {
    describe(v.name, () => {
      const cases = targets[v.method].flatMap((target) => escapes(target).map(([label, payload]): [string, string, string] => [label, target, payload]));
      it.each(cases)('%s → %s is refused', async (_label, _target, payload) => {
        await attack(v.method, v.url(payload.replaceAll('CANARY', canary.dir.replace(/^\//, ''))));
      });
      if (v.inRoot) {
        it.each(SMALL)('malformed segment %s is refused', async (_label, payload) => {
          await attack(v.method, v.url(payload));
        });
      }
    });
  }

  it.each(variants().map((v): [string, Variant] => [v.name, v]))('%s: overlong UTF-8 dots (%c0%ae) never escape: no 5xx, nothing served or listed', async (_name, v) => {
    for (const target of ['etc/passwd', `${canary.dir.slice(1)}/secret.txt`]) {
      const url = v.url(`${'%c0%ae%c0%ae/'.repeat(UPS)}${target}`);
      const res = await fx().api.send({ method: v.method, path: url, body: v.method === 'PUT' ? 'PWNED' : undefined });
      expectNoLeak(res.text, url);
      if (res.status === 200 && v.method === 'GET') expect(res.json, `listed something for ${url}`).not.toHaveProperty('files');
      else expectMlflowError(res, { context: `${v.method} ${url}`, status: [400, 404] });
      canary.verify(url);
    }
  });

  it('nothing was written outside the store, and the store gained nothing', () => {
    canary.verify();
    expect(readdirSync(parent).sort()).toEqual(['canary', 'store']);
    expect(listTree(storeDir).filter((p) => p.startsWith('artifacts/'))).toEqual(treeBefore);
    expect(readFileSync(join(rootDir, 'keep.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(rootDir, 'dir', 'keep2.txt'), 'utf8')).toBe('keep me too');
    expect(existsSync(join(canary.dir, 'sub', 'planted.txt'))).toBe(false);
  });

  it('the server still serves', async () => {
    await expectServing(fx().api, fx().aliveRunId);
  });
});

describe('other runs, ids and unimplemented download routes', () => {
  it.each(PREFIXES)('%s: another run cannot be reached through this run (…/artifacts/../../<other run>)', async (p) => {
    const { api, experimentId } = fx();
    const other = await api.createRun(experimentId);
    await api.ok(api.send({ method: 'PUT', path: `${p}/mlflow-artifacts/artifacts/${experimentId}/${other.runId}/artifacts/own.txt`, body: 'other run' }));
    for (const method of ['GET', 'DELETE', 'PUT'] as const) {
      await attack(method, `${p}/mlflow-artifacts/artifacts/${root}/../../${other.runId}/artifacts/own.txt`);
      await attack(method, `${p}/mlflow-artifacts/artifacts/${root}/..%2f..%2f${other.runId}%2fartifacts%2fown.txt`);
    }
    const still = await api.send({ path: `${p}/mlflow-artifacts/artifacts/${experimentId}/${other.runId}/artifacts/own.txt` });
    expect(still.text).toBe('other run');
  });

  it.each(PREFIXES)('%s: a path whose run is in another experiment is refused', async (p) => {
    const { runId } = fx();
    for (const method of ['GET', 'PUT', 'DELETE'] as const) await attack(method, `${p}/mlflow-artifacts/artifacts/0/${runId}/artifacts/keep.txt`);
  });

  it.each(['../x', 'a%2fb', 'a%5cb', '%2e%2e', 'x'.repeat(10_000), 'a%00b'])('artifacts/list with run_id %s → 4xx', async (id) => {
    for (const p of PREFIXES) await attack('GET', `${p}/mlflow/artifacts/list?run_id=${id}`);
  });

  it.each([
    `/get-artifact?run_uuid=RUN&path=${'../'.repeat(UPS)}etc/passwd`,
    `/ajax-api/2.0/mlflow/get-artifact?run_uuid=RUN&path=${'..%2f'.repeat(UPS)}etc%2fpasswd`,
    `/model-versions/get-artifact?name=m&version=1&path=${'../'.repeat(UPS)}etc/passwd`,
    `/ajax-api/2.0/mlflow/upload-artifact?run_uuid=RUN&path=a%3F/a`,
  ])('%s → 4xx, nothing served or written', async (url) => {
    const method = url.includes('upload') ? 'POST' : 'GET';
    await attack(method, url.replace('RUN', fx().runId));
  });

  itStillServes(fx);
});

describe('symlinks inside a run artifact folder that point outside the store', () => {
  beforeAll(() => {
    symlinkSync(canary.dir, join(rootDir, 'escape-dir'));
    symlinkSync(canary.secret, join(rootDir, 'escape-file'));
    symlinkSync('/etc', join(rootDir, 'etc-link'));
    symlinkSync(join(canary.dir, 'newdir'), join(rootDir, 'dangling-dir'));
    symlinkSync(join(canary.dir, 'new.txt'), join(rootDir, 'dangling-file'));
  });

  for (const p of PREFIXES) {
    const art = (x: string) => `${p}/mlflow-artifacts/artifacts/${root}/${x}`;
    it(`${p}: downloads through a link are refused`, async () => {
      for (const x of ['escape-dir/secret.txt', 'escape-dir/sub/victim.txt', 'escape-file', 'etc-link/passwd', 'escape-dir/../escape-dir/secret.txt']) await attack('GET', art(x));
    });

    it(`${p}: listings through a link are refused, and links are not listed as files`, async () => {
      await attack('GET', `${p}/mlflow-artifacts/artifacts?path=${root}/escape-dir`);
      await attack('GET', `${p}/mlflow-artifacts/artifacts?path=${root}/etc-link`);
      await attack('GET', `${p}/mlflow/artifacts/list?run_id=${fx().runId}&path=escape-dir`);
      await attack('GET', `${p}/mlflow/artifacts/list?run_id=${fx().runId}&path=etc-link`);
      const top = await fx().api.send({ path: `${p}/mlflow-artifacts/artifacts?path=${root}` });
      expect(top.status, describeResponse(top)).toBe(200);
      expect(top.text).toContain('keep.txt');
      expect(top.text).not.toMatch(/secret\.txt|victim\.txt|passwd/);
    });

    it(`${p}: uploads through a link are refused and the target is untouched`, async () => {
      for (const x of ['escape-dir/secret.txt', 'escape-dir/planted.txt', 'escape-dir/sub/victim.txt', 'escape-file', 'etc-link/planted']) await attack('PUT', art(x));
      expect(existsSync(join(canary.dir, 'planted.txt'))).toBe(false);
      expect(existsSync('/etc/planted')).toBe(false);
    });

    it(`${p}: deletes through a link are refused and the target is untouched`, async () => {
      for (const x of ['escape-dir', 'escape-dir/secret.txt', 'escape-dir/sub', 'escape-file', 'etc-link/passwd']) await attack('DELETE', art(x));
    });

    it(`${p}: an upload below a dangling link to a missing folder outside → 4xx, nothing created outside`, async () => {
      const res = await fx().api.send({ method: 'PUT', path: art('dangling-dir/x.txt'), body: 'PWNED' });
      expect(existsSync(join(canary.dir, 'newdir')), 'a folder was created outside the store').toBe(false);
      canary.verify();
      expectMlflowError(res, { context: 'PUT through a dangling directory link' });
    });

    it(`${p}: an upload onto a dangling file link never writes outside (4xx, or the link itself replaced)`, async () => {
      const res = await fx().api.send({ method: 'PUT', path: art('dangling-file'), body: 'PWNED' });
      expect(existsSync(join(canary.dir, 'new.txt')), 'a file was created outside the store').toBe(false);
      canary.verify();
      if (res.status !== 200) expectMlflowError(res, { context: 'PUT onto a dangling file link' });
    });
  }

  it('the canaries are intact and the server still serves', async () => {
    canary.verify();
    expect(readdirSync(parent).sort()).toEqual(['canary', 'store']);
    await expectServing(fx().api, fx().aliveRunId);
  });
});

describe('uploads that collide with existing entries (bad input, not server errors)', () => {
  for (const p of PREFIXES) {
    const art = (x: string) => `${p}/mlflow-artifacts/artifacts/${root}/${x}`;
    it.each([
      ['onto an existing folder', 'dir'],
      ['below an existing file', 'keep.txt/child.txt'],
      ['onto the run artifact root itself', ''],
    ])(`${p}: PUT %s → 4xx, existing files untouched`, async (_label, x) => {
      const res = await fx().api.send({ method: 'PUT', path: x ? art(x) : `${p}/mlflow-artifacts/artifacts/${root}`, body: 'collide' });
      expectMlflowError(res, { context: `PUT ${x || '<root>'}` });
      expect(readFileSync(join(rootDir, 'keep.txt'), 'utf8')).toBe('keep me');
      expect(readFileSync(join(rootDir, 'dir', 'keep2.txt'), 'utf8')).toBe('keep me too');
    });
  }

  it("PUT to a fresh run's artifact root itself is refused, and the run can still receive files", async () => {
    const { api, experimentId } = fx();
    const fresh = await api.createRun(experimentId);
    const freshRoot = `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${fresh.runId}/artifacts`;
    const res = await api.send({ method: 'PUT', path: freshRoot, body: 'not a folder' });
    const later = await api.send({ method: 'PUT', path: `${freshRoot}/model/MLmodel`, body: 'flavors: {}' });
    expect.soft(res.status, `PUT <fresh run>/artifacts was accepted: ${describeResponse(res)}`).toBeGreaterThanOrEqual(400);
    if (res.status >= 400) expectMlflowError(res, { context: 'PUT <fresh run>/artifacts' });
    expect(later.status, `a normal upload failed afterwards: ${describeResponse(later)}`).toBe(200);
  });

  it('the server still serves', async () => {
    await expectServing(fx().api, fx().aliveRunId);
  });
});

/**
 * Payloads that stay inside the run's folder on Linux (so they cannot escape) but that
 * reliability-security.md §1.1/§4 S1 says to refuse outright: drive letters, `?`, `#`, and
 * encodings that survive one decoding pass. Each test lists every route that accepted it.
 */
describe('S1 path-shape policy: refused even where they cannot escape', () => {
  const policy: [string, string][] = [
    ['drive letter C:/Windows/win.ini', 'C:/Windows/win.ini'],
    ['drive letter C:%5CWindows', 'C:%5CWindows%5Cwin.ini'],
    ['encoded ? (a?/a, CVE-2024-8859)', 'a%3F/a'],
    ['encoded # (a#/b)', 'a%23/b'],
    ['triple-encoded ../ (%25252e%25252e%25252f)', `${'%25252e%25252e%25252f'.repeat(3)}x.txt`],
  ];
  it.each(policy)('%s', async (_label, payload) => {
    const accepted: string[] = [];
    for (const v of variants().filter((x) => x.inRoot)) {
      const url = v.url(payload);
      const res = await fx().api.send({ method: v.method, path: url, body: v.method === 'PUT' ? 'policy' : undefined });
      expectNoLeak(res.text, url);
      expect(res.status, `${v.method} ${url}: ${describeResponse(res)}`).toBeLessThan(500);
      if (res.status < 400) accepted.push(`${v.method} ${url} → ${res.status}`);
    }
    canary.verify();
    expect(accepted, `accepted instead of 400:\n${accepted.join('\n')}`).toEqual([]);
  });

  itStillServes(fx);
});
