import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { fileOpener, type OpenStream } from '../../../../electron/sync/artifact-source';
import { RemoteClient, type RemoteClientOptions } from '../../../../electron/sync/remote-client';
import { RemoteError } from '../../../../electron/sync/remote-error';
import { type FaultProxy, startFaultProxy } from '../../../support/fault-proxy';
import { prng } from '../../../support/prng';
import { useTempDirs } from '../../../support/temp-dir';
import { type ArtifactServer, startArtifactServer } from './artifact-server';
import { fakeSleep, sendJson } from './local-http';

const MiB = 1024 * 1024;
const tempDir = useTempDirs();
let server: ArtifactServer | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.stop();
  await server?.close();
  proxy = undefined;
  server = undefined;
});

const client = (url: string, opts: Partial<RemoteClientOptions> = {}) =>
  new RemoteClient({ url, auth: { kind: 'bearer', token: 'tok' }, sleep: fakeSleep().sleep, ...opts });

/** A file of `size` seeded pseudo-random bytes, written 1 MiB at a time. */
async function makeFile(size: number, seed = 7): Promise<{ path: string; sha256: string }> {
  const path = join(tempDir(), 'data.bin');
  const random = prng(seed);
  const hash = createHash('sha256');
  const block = Buffer.alloc(MiB);
  async function* blocks() {
    for (let left = size; left > 0; left -= MiB) {
      for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((random() * 2 ** 32) >>> 0, i);
      const chunk = Buffer.from(block.subarray(0, Math.min(MiB, left)));
      hash.update(chunk);
      yield chunk;
    }
  }
  await pipeline(Readable.from(blocks()), createWriteStream(path));
  return { path, sha256: hash.digest('hex') };
}

/** Counts how often an OpenStream is opened. */
function counted(open: OpenStream) {
  const ranges: [number, number][] = [];
  return { ranges, open: ((r) => (ranges.push([r.start, r.end]), open(r))) as OpenStream };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('uploadArtifact', () => {
  it('streams a 200 MB file in one PUT with Content-Length, memory staying well below the file size', async () => {
    server = await startArtifactServer();
    const size = 200 * MiB;
    const file = await makeFile(size);
    const c = client(server.url, { multipartThreshold: Infinity });
    // Warm-up: over a process's first ~250 MB of streamed traffic V8 lets dead chunk buffers pile
    // up before its external-memory GC limit settles (and glibc arenas grow), whatever the code;
    // a first upload of the same file takes that, the second must then stay flat.
    await c.uploadArtifact('warm-up.bin', fileOpener(file.path), size);
    const before = process.memoryUsage();
    const peak = { rss: before.rss, arrayBuffers: before.arrayBuffers };
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
    }, 10);
    try {
      const result = await c.uploadArtifact('1/run a/artifacts/big file.bin', fileOpener(file.path), size);
      expect(result).toEqual({ method: 'put' });
    } finally {
      clearInterval(sampler);
    }
    expect(server.files.get('1/run a/artifacts/big file.bin')).toMatchObject({ size, sha256: file.sha256 });
    const put = server.requests.filter((r) => r.method === 'PUT')[1]!;
    expect(put.url).toBe('/api/2.0/mlflow-artifacts/artifacts/1/run%20a/artifacts/big%20file.bin');
    expect(put.headers['content-length']).toBe(String(size));
    expect(put.headers.authorization).toBe('Bearer tok');
    expect(peak.rss - before.rss).toBeLessThan(size / 4);
    expect(peak.arrayBuffers - before.arrayBuffers).toBeLessThan(size / 4);
  });

  it('restarts from a fresh stream when the connection is cut in the middle of the request', async () => {
    server = await startArtifactServer();
    proxy = await startFaultProxy({ target: server.url, seed: 3 });
    proxy.enqueue({ kind: 'cut-request', afterBytes: 1_500_000, how: 'reset' });
    const file = await makeFile(5 * MiB);
    const { ranges, open } = counted(fileOpener(file.path));
    await client(proxy.url).uploadArtifact('1/r/artifacts/x.bin', open, 5 * MiB);
    expect(ranges).toEqual([[0, 5 * MiB], [0, 5 * MiB]]);
    expect(proxy.stats().cutRequest).toBe(1);
    expect(server.files.get('1/r/artifacts/x.bin')?.sha256).toBe(file.sha256);
  });

  it('does not retry when the local file cannot be read or changes size', async () => {
    server = await startArtifactServer();
    const missing = counted(fileOpener(join(tempDir(), 'nope.bin')));
    const err = await client(server.url).uploadArtifact('1/r/artifacts/n.bin', missing.open, 10).catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(missing.ranges).toHaveLength(1);

    const longer = counted(() => Readable.from([Buffer.alloc(20)]));
    const err2 = await client(server.url).uploadArtifact('1/r/artifacts/l.bin', longer.open, 10).catch((e: unknown) => e);
    expect((err2 as Error).message).toContain('20 bytes where 10 were expected');
    expect(longer.ranges).toHaveLength(1);
    expect(server.files.size).toBe(0);
  });

  it('stops an upload when cancelled, closing the source', async () => {
    server = await startArtifactServer();
    let source: Readable | undefined;
    const open: OpenStream = () => {
      source = new Readable({ read() {} });
      source.push(Buffer.alloc(MiB));
      return source; // never ends on its own
    };
    const controller = new AbortController();
    const pending = client(server.url).uploadArtifact('1/r/artifacts/c.bin', open, 10 * MiB, { signal: controller.signal }).catch((e: unknown) => e);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(((await pending) as Error).name).toBe('AbortError');
    expect(source?.destroyed).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});

describe('multipart upload', () => {
  const opts = { multipartThreshold: 2 * MiB, partSize: MiB };

  it('uploads each part to the URL the server gave, then completes with the ETags', async () => {
    server = await startArtifactServer();
    const size = 3 * MiB + 12345;
    const file = await makeFile(size);
    const { ranges, open } = counted(fileOpener(file.path));
    expect(await client(server.url, opts).uploadArtifact('1/r/artifacts/model/w.bin', open, size)).toEqual({ method: 'multipart' });
    expect(server.files.get('1/r/artifacts/model/w.bin')?.sha256).toBe(file.sha256);
    expect(ranges.sort((a, b) => a[0] - b[0])).toEqual([[0, MiB], [MiB, 2 * MiB], [2 * MiB, 3 * MiB], [3 * MiB, size]]);
    const [complete] = server.completes;
    expect(complete?.dir).toBe('1/r/artifacts/model');
    expect(complete?.body.path).toBe('w.bin');
    expect(complete?.body.parts.map((p) => [p.part_number, p.etag])).toEqual([[1, '"etag-1"'], [2, '"etag-2"'], [3, '"etag-3"'], [4, '"etag-4"']]);
    const create = server.requests.find((r) => r.url.includes('mpu/create'))!;
    expect(JSON.parse(create.body === '' ? '{}' : create.body)).toBeDefined();
  });

  it('retries a failed part on its own, and sends no auth to a part URL on another origin', async () => {
    server = await startArtifactServer();
    server.partsOrigin = server.url.replace('127.0.0.1', 'localhost');
    let failed = false;
    server.fail = (req, res) => {
      if (req.method === 'PUT' && req.url?.startsWith('/parts/up1/2') && !failed) {
        failed = true;
        sendJson(res, 503, '{}');
        return true;
      }
      return false;
    };
    const size = 3 * MiB;
    const file = await makeFile(size, 11);
    await client(server.url, opts).uploadArtifact('1/r/artifacts/w.bin', fileOpener(file.path), size);
    const partPuts = server.requests.filter((r) => r.url.startsWith('/parts/')).map((r) => r.url.split('?')[0]);
    expect(partPuts.sort()).toEqual(['/parts/up1/1', '/parts/up1/2', '/parts/up1/2', '/parts/up1/3']);
    for (const r of server.requests) expect(r.headers.authorization).toBe(r.url.startsWith('/parts/') ? undefined : 'Bearer tok');
    expect(server.files.get('1/r/artifacts/w.bin')?.sha256).toBe(file.sha256);
  });

  it.each(['not-implemented', 'missing'] as const)('falls back to one PUT when mpu/create is %s', async (mode) => {
    server = await startArtifactServer();
    server.multipart = mode;
    const file = await makeFile(3 * MiB);
    expect(await client(server.url, opts).uploadArtifact('1/r/artifacts/w.bin', fileOpener(file.path), 3 * MiB)).toEqual({ method: 'put' });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/2.0/mlflow-artifacts/mpu/create/1/r/artifacts',
      'PUT /api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/w.bin',
    ]);
    expect(server.files.get('1/r/artifacts/w.bin')?.sha256).toBe(file.sha256);
  });

  it('aborts the upload when a part fails for good, and leaves no file', async () => {
    server = await startArtifactServer();
    server.fail = (req, res) => {
      if (req.method !== 'PUT' || !req.url?.startsWith('/parts/up1/3')) return false;
      sendJson(res, 400, '{"message":"bad part"}');
      return true;
    };
    const file = await makeFile(3 * MiB);
    const err = await client(server.url, opts).uploadArtifact('1/r/artifacts/w.bin', fileOpener(file.path), 3 * MiB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).status).toBe(400);
    expect((err as RemoteError).message).not.toContain('secret');
    expect(server.aborts).toEqual(['up1']);
    expect(server.completes).toEqual([]);
  });
});

describe('downloadArtifact / listArtifacts', () => {
  async function withFile(path: string, bytes: Buffer) {
    server = await startArtifactServer();
    server.files.set(path, { size: bytes.length, sha256: sha(bytes), bytes });
  }

  it('retries from the first byte when the answer is cut in the middle', async () => {
    const bytes = Buffer.alloc(3 * MiB, 7);
    bytes.write('end', bytes.length - 3);
    await withFile('1/r/artifacts/d.bin', bytes);
    proxy = await startFaultProxy({ target: server!.url });
    proxy.enqueue({ kind: 'cut-response', afterBytes: MiB, how: 'close' });
    let calls = 0;
    let got = Buffer.alloc(0);
    const result = await client(proxy.url).downloadArtifact('1/r/artifacts/d.bin', async (stream) => {
      calls++;
      got = Buffer.concat(await stream.toArray());
    });
    expect(calls).toBe(2);
    expect(proxy.stats().cutResponse).toBe(1);
    expect(sha(got)).toBe(sha(bytes));
    expect(result).toEqual({ bytes: bytes.length });
  });

  it('does not retry an error of the writer itself', async () => {
    await withFile('1/r/artifacts/d.bin', Buffer.alloc(1000));
    let calls = 0;
    const err = await client(server!.url).downloadArtifact('1/r/artifacts/d.bin', async (stream) => {
      calls++;
      stream.destroy();
      throw new Error('ENOSPC: no space left on device');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toContain('ENOSPC');
    expect(calls).toBe(1);
  });

  it('lists a folder with full paths and walks it; refuses names that climb out', async () => {
    server = await startArtifactServer();
    for (const p of ['1/r/artifacts/a.txt', '1/r/artifacts/m/model.pkl', '1/r/artifacts/m/sub/x']) server.files.set(p, { size: 1, sha256: '' });
    const c = client(server.url);
    expect(await c.listArtifacts('1/r/artifacts')).toEqual([
      { path: '1/r/artifacts/a.txt', isDir: false, size: 1 },
      { path: '1/r/artifacts/m', isDir: true },
    ]);
    const walked: string[] = [];
    for await (const e of c.walkArtifacts('1/r/artifacts')) walked.push(e.path);
    expect(walked).toEqual(['1/r/artifacts/a.txt', '1/r/artifacts/m/model.pkl', '1/r/artifacts/m/sub/x']);
    server.fail = (_req, res) => (sendJson(res, 200, '{"files":[{"path":"..","is_dir":true}]}'), true);
    expect(await c.listArtifacts('1/r/artifacts').catch((e: unknown) => (e as RemoteError).errorCode)).toBe('BAD_RESPONSE');
  });
});
