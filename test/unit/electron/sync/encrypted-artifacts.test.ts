// Sync paths on encrypted stores (issue 12): a bundle exported from an encrypted store carries the
// artifacts' plaintext (the bundle has its own protection), and importing it into another
// encrypted store seals them again; the files a push sends (storeArtifacts) are plaintext with
// plaintext sizes; an import run twice skips what is already there (plaintext size compared).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { artifactsOf } from '../../../../electron/services/artifacts-service';
import { addRemote } from '../../../../electron/services/remotes-service';
import { writeNewKeyFile } from '../../../../electron/store/crypto/keys';
import type { Op } from '../../../../electron/store/ops/op-types';
import { exportBundle } from '../../../../electron/sync/bundle/export-bundle';
import { openBundle } from '../../../../electron/sync/bundle/open-bundle';
import { readBundleHead } from '../../../../electron/sync/bundle/read-bundle';
import { partLength, verifyBundle } from '../../../../electron/sync/bundle/verify-bundle';
import { importSource } from '../../../../electron/sync/import/importer';
import { downloadPulledFile } from '../../../../electron/sync/lazy-download';
import { recordedArtifacts } from '../../../../electron/store/sync/pull-repo';
import { storeArtifacts } from '../../../../electron/sync/local-artifacts';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const RUN = 'c'.repeat(32);
const ROOT = ['1', RUN, 'artifacts'];
const MARKER = 'ibis-marker-3307';
const weights = Buffer.alloc(150_000);
for (let i = 0; i < weights.length; i++) weights[i] = (i * 7 + (i >> 9)) & 0xff;
weights.write(MARKER, 70_000);

async function encryptedStore(dir: string): Promise<TestStore> {
  const keyFile = join(tempDir(), 'store.key');
  writeNewKeyFile(keyFile);
  const t = await openTestStore(dir, { key: { kind: 'key-file', path: keyFile } });
  expect(t.store.keys).not.toBeNull();
  return t;
}

async function fill(t: TestStore): Promise<void> {
  const ops: Op[] = [
    { type: 'experiment.create', id: '1', name: 'sweep', artifactLocation: 'mlflow-artifacts:/1', tags: [], time: 1 },
    { type: 'run.create', runId: RUN, experimentId: '1', name: 'r', userId: 'u', startTime: 5, artifactUri: `mlflow-artifacts:/1/${RUN}/artifacts`, tags: [], time: 5 },
  ];
  for (const op of ops) await t.store.commit(op);
  await artifactsOf(t.svc).write([...ROOT, 'model', `${MARKER}.bin`], Readable.from([weights]));
  await artifactsOf(t.svc).write([...ROOT, 'notes.txt'], Readable.from([`note ${MARKER}`]));
}

async function bytesOf(t: TestStore, path: string[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of (await artifactsOf(t.svc).open([...ROOT, ...path])).stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

function diskBytes(dir: string): Buffer {
  const out: Buffer[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p), Buffer.from(n));
    }
  };
  walk(dir);
  return Buffer.concat(out);
}

describe('artifacts of an encrypted store leaving and entering it', () => {
  it('a bundle carries plaintext; imported into another encrypted store, the files are sealed again and read back the same', async () => {
    const dir = tempDir();
    const a = await encryptedStore(join(dir, 'a'));
    await fill(a);
    const out = join(dir, 'full.sxb');
    await exportBundle({ svc: a.svc, out, experiments: ['sweep'], models: [] });
    const head = await readBundleHead(out);
    try {
      const starts = await verifyBundle(head);
      const files = new Map<string, Buffer>();
      for (const [i, p] of head.catalog.parts.entries()) if (p.kind === 'artifact') files.set(p.path, await head.body.read(starts[i]!, partLength(p)));
      expect([...files.keys()].sort()).toEqual([`model/${MARKER}.bin`, 'notes.txt']);
      expect(files.get(`model/${MARKER}.bin`)!.equals(weights)).toBe(true);
      expect(files.get('notes.txt')!.toString()).toBe(`note ${MARKER}`);
    } finally {
      await head.body.close();
    }

    const b = await encryptedStore(join(dir, 'b'));
    const importOnce = async () => {
      const source = await openBundle(out, {});
      try {
        return await importSource({ svc: b.svc, source });
      } finally {
        await source.close();
      }
    };
    expect((await importOnce()).problems).toEqual([]);
    expect((await bytesOf(b, ['model', `${MARKER}.bin`])).equals(weights)).toBe(true);
    expect((await bytesOf(b, ['notes.txt'])).toString()).toBe(`note ${MARKER}`);
    expect(diskBytes(join(dir, 'b', 'artifacts')).includes(Buffer.from(MARKER))).toBe(false);
    const before = statSync(join(dir, 'b', 'artifacts', ...ROOT)).mtimeMs;
    expect((await importOnce()).problems).toEqual([]);
    expect(await artifactsOf(b.svc).list(ROOT)).toEqual([{ path: 'model', is_dir: true }, { path: 'notes.txt', is_dir: false, file_size: 5 + MARKER.length }]);
    expect(statSync(join(dir, 'b', 'artifacts', ...ROOT)).mtimeMs).toBe(before); // nothing rewritten: sizes compared as plaintext
    await a.store.close();
    await b.store.close();
  });

  it('what a push sends: plaintext paths, sizes and byte ranges', async () => {
    const t = await encryptedStore(tempDir());
    await fill(t);
    const files = await storeArtifacts(artifactsOf(t.svc), ROOT);
    expect(files.map((f) => [f.path, f.size])).toEqual([
      [`model/${MARKER}.bin`, weights.length],
      ['notes.txt', 5 + MARKER.length],
    ]);
    const parts: Buffer[] = [];
    for await (const p of files[0]!.open({ start: 65_000, end: 140_000 })) parts.push(p as Buffer);
    expect(Buffer.concat(parts).equals(weights.subarray(65_000, 140_000))).toBe(true);
    await t.store.close();
  });

  it('a pulled file downloads sealed, recorded with its plaintext size', async () => {
    const t = await encryptedStore(tempDir());
    await fill(t);
    await addRemote(t.svc, { name: 'team', url: 'http://127.0.0.1:9' });
    const client = { downloadArtifact: async (_path: string, writeTo: (s: Readable) => Promise<void>) => (await writeTo(Readable.from([weights])), { bytes: weights.length }) };
    const size = await downloadPulledFile(t.svc, client, { remote: 'team', owner: RUN, path: `pulled/${MARKER}.bin`, localRoot: ROOT.join('/'), remoteRoot: `9/${RUN}/artifacts` });
    expect(size).toBe(weights.length);
    expect(recordedArtifacts(t.store.db, 'team', RUN).get(`pulled/${MARKER}.bin`)).toMatchObject({ size: weights.length });
    expect((await bytesOf(t, ['pulled', `${MARKER}.bin`])).equals(weights)).toBe(true);
    expect(diskBytes(join(t.store.dir, 'artifacts')).includes(Buffer.from(MARKER))).toBe(false);
    await t.store.close();
  });
});
