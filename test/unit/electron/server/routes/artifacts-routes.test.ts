// The artifact proxy routes over HTTP on an encrypted store (issue 12): PUT, GET (whole and
// ranges), list with plaintext names and sizes, DELETE, a multipart upload completed; nothing of
// the names or bytes on disk under artifacts/ or uploads/ (also while an upload is in progress);
// a damaged file answers an error or an aborted response, never garbage or a clean short body.
// The same calls on a plain store leave the files exactly as sent.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTrackingServer, type TrackingServer } from '../../../../../electron/server/tracking-server';
import { createRun } from '../../../../../electron/services/runs-service';
import { writeNewKeyFile } from '../../../../../electron/store/crypto/keys';
import { openTestStore, type TestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { filesOnDisk } from '../../../../support/files-on-disk';

const tempDir = useTempDirs();
const MARKER = 'heron-marker-5521';
const API = '/api/2.0/mlflow-artifacts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The body ended normally (false: the connection was cut). */
  complete: boolean;
}

function call(url: string, method: string, path: string, body?: Buffer | object, headers: Record<string, string> = {}): Promise<Answer> {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  const type = body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {};
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers: { ...type, ...headers, ...(payload ? { 'content-length': payload.length } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      const done = (complete: boolean) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), complete });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(true));
      res.on('aborted', () => done(false));
      res.on('error', () => done(false));
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve({ status: 0, headers: {}, body: Buffer.alloc(0), complete: false }) : reject(err)));
    req.end(payload);
  });
}

async function withServer(encrypted: boolean, body: (s: { t: TestStore; server: TrackingServer; root: string; dir: string }) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const keyFile = join(tempDir(), 'store.key');
  if (encrypted) writeNewKeyFile(keyFile);
  const t = await openTestStore(dir, encrypted ? { key: { kind: 'key-file', path: keyFile } } : {});
  expect(t.store.keys !== null).toBe(encrypted);
  const run = await createRun(t.svc, { experimentId: '0', tags: [] });
  const root = run.info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');
  const server = await startTrackingServer({ services: t.svc, host: '127.0.0.1', port: 0, log: () => undefined });
  try {
    await body({ t, server, root, dir });
  } finally {
    await server.close();
    await t.store.close();
  }
}

const big = Buffer.concat([Buffer.from(MARKER), randomBytes(150_000), Buffer.from(MARKER)]);
const enc = (p: string) => p.split('/').map(encodeURIComponent).join('/');

describe('mlflow-artifacts routes on an encrypted store', () => {
  it('put, get, ranges, list, delete and a multipart upload round-trip; nothing plaintext on disk', async () => {
    await withServer(true, async ({ server, root, dir }) => {
      const url = server.url;
      expect((await call(url, 'PUT', `${API}/artifacts/${enc(`${root}/${MARKER}/notes ${MARKER}.txt`)}`, Buffer.from(`text ${MARKER}`))).status).toBe(200);
      expect((await call(url, 'PUT', `${API}/artifacts/${root}/big.bin`, big)).status).toBe(200);

      const whole = await call(url, 'GET', `${API}/artifacts/${root}/big.bin`);
      expect(whole).toMatchObject({ status: 200, complete: true });
      expect(whole.headers['content-length']).toBe(String(big.length));
      expect(whole.body.equals(big)).toBe(true);
      const text = await call(url, 'GET', `${API}/artifacts/${enc(`${root}/${MARKER}/notes ${MARKER}.txt`)}`);
      expect(text.body.toString()).toBe(`text ${MARKER}`);

      const range = await call(url, 'GET', `${API}/artifacts/${root}/big.bin`, undefined, { range: 'bytes=65530-131080' });
      expect(range.status).toBe(206);
      expect(range.headers['content-range']).toBe(`bytes 65530-131080/${big.length}`);
      expect(range.body.equals(big.subarray(65530, 131081))).toBe(true);
      const tail = await call(url, 'GET', `${API}/artifacts/${root}/big.bin`, undefined, { range: 'bytes=-17' });
      expect(tail.body.toString()).toBe(MARKER);
      const past = await call(url, "GET", `${API}/artifacts/${root}/big.bin`, undefined, { range: `bytes=${big.length}-` });
      expect(past.status, past.body.toString()).toBe(416);

      const list = JSON.parse((await call(url, 'GET', `${API}/artifacts?path=${encodeURIComponent(root)}`)).body.toString()) as unknown;
      expect(list).toEqual({ files: [{ path: 'big.bin', is_dir: false, file_size: big.length }, { path: MARKER, is_dir: true }] });
      const nested = JSON.parse((await call(url, 'GET', `${API}/artifacts?path=${encodeURIComponent(`${root}/${MARKER}`)}`)).body.toString()) as unknown;
      expect(nested).toEqual({ files: [{ path: `notes ${MARKER}.txt`, is_dir: false, file_size: 5 + MARKER.length }] });
      const runId = root.split('/')[1]!;
      const runList = JSON.parse((await call(url, 'GET', `/api/2.0/mlflow/artifacts/list?run_id=${runId}&path=${MARKER}`)).body.toString()) as { files: unknown[] };
      expect(runList.files).toEqual([{ path: `${MARKER}/notes ${MARKER}.txt`, is_dir: false, file_size: 5 + MARKER.length }]);

      // multipart: parts sealed while in progress, completed into one sealed artifact
      const created = await call(url, 'POST', `${API}/mpu/create/${root}/parts`, { path: `/local/${MARKER}.bin`, num_parts: 2 });
      expect(created.status).toBe(200);
      const { upload_id: uploadId, credentials } = JSON.parse(created.body.toString()) as { upload_id: string; credentials: { url: string; part_number: number }[] };
      const halves = [big.subarray(0, 80_000), big.subarray(80_000)];
      const etags: string[] = [];
      for (const c of credentials) {
        const put = await call(url, 'PUT', new URL(c.url).pathname, halves[c.part_number - 1]!);
        expect(put.status).toBe(200);
        etags.push(String(put.headers.etag));
      }
      expect(etags).toEqual(['"1-80000"', `"2-${big.length - 80_000}"`]);
      const inProgress = filesOnDisk(join(dir, 'uploads'));
      expect(inProgress.bytes.includes(Buffer.from(MARKER))).toBe(false);
      expect(inProgress.bytes.includes(Buffer.from('parts'))).toBe(false); // the target path (upload.json) is sealed too
      const done = await call(url, 'POST', `${API}/mpu/complete/${root}/parts`, { path: `/local/${MARKER}.bin`, upload_id: uploadId, parts: credentials.map((c, i) => ({ part_number: c.part_number, etag: etags[i] })) });
      expect(done.status).toBe(200);
      expect((await call(url, 'GET', `${API}/artifacts/${root}/parts/${MARKER}.bin`)).body.equals(big)).toBe(true);

      const disk = filesOnDisk(join(dir, 'artifacts'));
      expect(disk.bytes.includes(Buffer.from(MARKER))).toBe(false);
      for (const name of [MARKER, 'big.bin', 'parts', `notes ${MARKER}.txt`]) expect(disk.names.some((n) => n.includes(name)), name).toBe(false);
      expect(filesOnDisk(join(dir, 'uploads')).names).toEqual([]);

      expect((await call(url, 'DELETE', `${API}/artifacts/${root}/${MARKER}`)).status).toBe(200);
      const after = JSON.parse((await call(url, 'GET', `${API}/artifacts?path=${encodeURIComponent(root)}`)).body.toString()) as { files: { path: string }[] };
      expect(after.files.map((f) => f.path)).toEqual(['big.bin', 'parts']);
      expect((await call(url, 'GET', `${API}/artifacts/${enc(`${root}/${MARKER}/notes ${MARKER}.txt`)}`)).status).toBe(404);
    });
  });

  it('a name too long once sealed: 400 INVALID_PARAMETER_VALUE in MLflow form', async () => {
    await withServer(true, async ({ server, root }) => {
      const r = await call(server.url, 'PUT', `${API}/artifacts/${root}/${'x'.repeat(200)}.txt`, Buffer.from('x'));
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body.toString())).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(/at most 163 bytes/) });
    });
  });

  it('a flipped bit, a cut file or a swapped file: an error or a cut response, never garbage or a clean short body', async () => {
    await withServer(true, async ({ server, root, dir }) => {
      const url = server.url;
      await call(url, 'PUT', `${API}/artifacts/${root}/a.bin`, big);
      await call(url, 'PUT', `${API}/artifacts/${root}/b.bin`, big);
      const folder = join(dir, 'artifacts', root);
      const [fa, fb] = readdirSync(folder).map((n) => join(folder, n));
      const original = readFileSync(fa!);
      /** What each of the two GETs gave: the right bytes, a refusal (error status or a cut response), or anything else. */
      const outcomes = async () => {
        const out: { outcome: 'intact' | 'refused' | 'garbage'; status: number }[] = [];
        for (const name of ['a.bin', 'b.bin']) {
          const r = await call(url, 'GET', `${API}/artifacts/${root}/${name}`);
          const intact = r.status === 200 && r.complete && r.body.equals(big);
          const refused = r.status >= 400 || !r.complete;
          out.push({ outcome: intact ? 'intact' : refused ? 'refused' : 'garbage', status: r.status });
        }
        return out;
      };
      const oneRefused = async () => {
        const o = await outcomes();
        expect(o.map((x) => x.outcome).sort()).toEqual(['intact', 'refused']);
        return o.find((x) => x.outcome === 'refused')!;
      };
      // a flipped bit in the last chunk: the headers (and earlier chunks) went out; the response is cut
      const flipped = Buffer.from(original);
      flipped[flipped.length - 3]! ^= 1;
      writeFileSync(fa!, flipped);
      expect((await oneRefused()).status).toBe(200);
      // a flipped bit in the header's file id (in every chunk's AAD): the first chunk fails before anything is sent
      const head = Buffer.from(original);
      head[20]! ^= 1;
      writeFileSync(fa!, head);
      expect((await oneRefused()).status).toBe(500);
      // not a sealed file at all (bad magic): refused before anything is sent
      const magic = Buffer.from(original);
      magic[0]! ^= 1;
      writeFileSync(fa!, magic);
      expect((await oneRefused()).status).toBe(500);
      // cut at a chunk boundary: never a clean short body
      writeFileSync(fa!, original);
      truncateSync(fa!, 28 + 65_564);
      await oneRefused();
      // swapped with the other artifact's file
      writeFileSync(fa!, readFileSync(fb!));
      await oneRefused();
      writeFileSync(fa!, original);
      expect((await outcomes()).map((x) => x.outcome)).toEqual(['intact', 'intact']);
    });
  });
});

describe('mlflow-artifacts routes on a plain store', () => {
  it('keeps the files exactly as sent, under their own names', async () => {
    await withServer(false, async ({ server, root, dir }) => {
      expect((await call(server.url, 'PUT', `${API}/artifacts/${root}/sub/${MARKER}.bin`, big)).status).toBe(200);
      expect(readFileSync(join(dir, 'artifacts', root, 'sub', `${MARKER}.bin`)).equals(big)).toBe(true);
      const r = await call(server.url, 'GET', `${API}/artifacts/${root}/sub/${MARKER}.bin`, undefined, { range: 'bytes=10-19' });
      expect(r.status).toBe(206);
      expect(r.body.equals(big.subarray(10, 20))).toBe(true);
    });
  });
});
