// Multipart uploads on their own: parts sealed with the upload's key in an encrypted store (the
// description too), ETags of plaintext sizes, a tampered or swapped part refused at completion
// (the target is not written), the part checks of a plain store unchanged.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createArtifactStore } from '../../../../electron/store/artifacts/artifact-store';
import { generateDataKey } from '../../../../electron/store/crypto/keys';
import { storeKeys } from '../../../../electron/store/crypto/store-keys';
import { MultipartUploads } from '../../../../electron/store/multipart-uploads';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const TARGET = ['1', 'f'.repeat(32), 'artifacts', 'secret-target.bin'];
const ID = '0123456789abcdef0123456789abcdef';
const ID2 = 'fedcba9876543210fedcba9876543210';
const MARKER = 'lynx-marker-7710';

function setup(encrypted: boolean) {
  const dir = tempDir();
  for (const d of ['artifacts', 'uploads']) mkdirSync(join(dir, d));
  const keys = encrypted ? storeKeys(generateDataKey()) : null;
  const artifacts = createArtifactStore({ artifactsDir: join(dir, 'artifacts'), uploadsDir: join(dir, 'uploads') }, keys);
  return { dir, artifacts, uploads: new MultipartUploads(join(dir, 'uploads'), artifacts, keys) };
}

const part = (n: number) => Buffer.from(`${MARKER} part ${n} `.repeat(3000));

describe('multipart uploads, encrypted', () => {
  it('seals parts and the description; completes into the artifact; refuses a tampered or swapped part', async () => {
    const { dir, artifacts, uploads } = setup(true);
    await uploads.create(ID, TARGET, 2);
    expect(await uploads.putPart(ID, 1, Readable.from([part(1)]))).toBe(`"1-${part(1).length}"`);
    expect(await uploads.putPart(ID, 2, Readable.from([part(2)]))).toBe(`"2-${part(2).length}"`);
    const files = readdirSync(join(dir, 'uploads', ID)).map((n) => readFileSync(join(dir, 'uploads', ID, n)));
    expect(files).toHaveLength(3);
    for (const f of files) expect(f.includes(Buffer.from(MARKER)) || f.includes(Buffer.from('secret-target'))).toBe(false);

    // the same part sealed for another upload (or another part number) does not open here
    await uploads.create(ID2, TARGET, 2);
    await uploads.putPart(ID2, 1, Readable.from([part(1)]));
    const mine = readFileSync(join(dir, 'uploads', ID, '1.part'));
    writeFileSync(join(dir, 'uploads', ID, '1.part'), readFileSync(join(dir, 'uploads', ID2, '1.part')));
    await expect(uploads.complete(ID, [{ partNumber: 1, etag: '' }, { partNumber: 2, etag: '' }])).rejects.toThrow(/damaged/);
    expect(await artifacts.stat(TARGET)).toBeNull();
    const flipped = Buffer.from(mine);
    flipped[100]! ^= 1;
    writeFileSync(join(dir, 'uploads', ID, '1.part'), flipped);
    await expect(uploads.complete(ID, [{ partNumber: 1, etag: '' }, { partNumber: 2, etag: '' }])).rejects.toThrow(/damaged/);
    expect(await artifacts.stat(TARGET)).toBeNull();

    writeFileSync(join(dir, 'uploads', ID, '1.part'), mine);
    expect(await uploads.complete(ID, [{ partNumber: 2, etag: `"2-${part(2).length}"` }, { partNumber: 1, etag: '' }])).toEqual(TARGET);
    const parts: Buffer[] = [];
    for await (const p of (await artifacts.open(TARGET)).stream) parts.push(p as Buffer);
    expect(Buffer.concat(parts).equals(Buffer.concat([part(1), part(2)]))).toBe(true);
    expect(readdirSync(join(dir, 'uploads')).sort()).toEqual([ID2]);
  });

  it('a tampered description is refused as damage', async () => {
    const { dir, uploads } = setup(true);
    await uploads.create(ID, TARGET, 1);
    const desc = join(dir, 'uploads', ID, 'upload.json');
    const b = readFileSync(desc);
    b[b.length - 1]! ^= 1;
    writeFileSync(desc, b);
    await expect(uploads.putPart(ID, 1, Readable.from(['x']))).rejects.toThrow(/Multipart upload .* is damaged/);
  });
});

describe('multipart uploads, plain', () => {
  it('keeps parts as sent and checks part numbers and ETags', async () => {
    const { dir, uploads } = setup(false);
    await uploads.create(ID, TARGET, 2);
    await uploads.putPart(ID, 1, Readable.from([part(1)]));
    expect(readFileSync(join(dir, 'uploads', ID, '1.part')).equals(part(1))).toBe(true);
    await expect(uploads.complete(ID, [{ partNumber: 1, etag: '' }, { partNumber: 2, etag: '' }])).rejects.toThrow(/Part 2 .* was never uploaded/);
    await uploads.putPart(ID, 2, Readable.from([part(2)]));
    await expect(uploads.complete(ID, [{ partNumber: 1, etag: '"1-3"' }, { partNumber: 2, etag: '' }])).rejects.toThrow(/ETag mismatch for part 1/);
    await uploads.complete(ID, [{ partNumber: 1, etag: '' }, { partNumber: 2, etag: '' }]);
    expect(readFileSync(join(dir, 'artifacts', ...TARGET)).equals(Buffer.concat([part(1), part(2)]))).toBe(true);
  });
});
