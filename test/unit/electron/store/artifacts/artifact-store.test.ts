// The artifact store on its own (no Store): an encrypted one seals bytes and every name below an
// owner's artifact root, answers plaintext names and sizes, reads ranges, and refuses damage (a
// flipped bit, a cut file, a file swapped with another artifact's, a foreign name) instead of
// answering garbage; a plain one keeps names and bytes exactly as given.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createArtifactStore, type ArtifactRef, type ArtifactStore } from '../../../../../electron/store/artifacts/artifact-store';
import { generateDataKey } from '../../../../../electron/store/crypto/keys';
import { storeKeys } from '../../../../../electron/store/crypto/store-keys';
import { useTempDirs } from '../../../../support/temp-dir';
import { filesOnDisk } from '../../../../support/files-on-disk';

const tempDir = useTempDirs();
const RUN = 'a'.repeat(32);
const MARKER = 'otter-marker-9931';
const ROOT: ArtifactRef = ['1', RUN, 'artifacts'];
const at = (...path: string[]): ArtifactRef => [...ROOT, ...path];

function stores(encrypted: boolean): { artifacts: ArtifactStore; dir: string } {
  const dir = tempDir();
  mkdirSync(join(dir, 'artifacts'));
  mkdirSync(join(dir, 'uploads'));
  const artifacts = createArtifactStore({ artifactsDir: join(dir, 'artifacts'), uploadsDir: join(dir, 'uploads') }, encrypted ? storeKeys(generateDataKey()) : null);
  return { artifacts, dir };
}

async function readAll(artifacts: ArtifactStore, ref: ArtifactRef, range?: { start: number; end: number }): Promise<Buffer> {
  const { stream } = await artifacts.open(ref, range);
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

const big = randomBytes(200_000); // 4 chunks of 64 KiB (the last partial)

describe('artifact store, encrypted', () => {
  it('round-trips files in nested folders; lists, stats and walks with plaintext names and sizes; deletes', async () => {
    const { artifacts, dir } = stores(true);
    await artifacts.write(at(`${MARKER}.txt`), Readable.from([Buffer.from(`hello ${MARKER}`)]));
    await artifacts.write(at('model', MARKER, 'weights.bin'), Readable.from([big]));
    await artifacts.write(at('empty'), Readable.from([]));
    expect((await readAll(artifacts, at(`${MARKER}.txt`))).toString()).toBe(`hello ${MARKER}`);
    expect((await readAll(artifacts, at('model', MARKER, 'weights.bin'))).equals(big)).toBe(true);
    expect((await readAll(artifacts, at('empty'))).length).toBe(0);
    expect(await artifacts.list(ROOT)).toEqual([
      { path: 'empty', is_dir: false, file_size: 0 },
      { path: 'model', is_dir: true },
      { path: `${MARKER}.txt`, is_dir: false, file_size: 6 + MARKER.length },
    ]);
    expect(await artifacts.list(at('model', MARKER))).toEqual([{ path: 'weights.bin', is_dir: false, file_size: big.length }]);
    expect(await artifacts.stat(at('model', MARKER, 'weights.bin'))).toMatchObject({ isFile: true, size: big.length });
    expect(await artifacts.stat(at('model'))).toMatchObject({ isFile: false });
    expect(await artifacts.stat(at('nope'))).toBeNull();
    expect((await artifacts.walk(ROOT)).map((f) => [f.path, f.size])).toEqual([
      ['empty', 0],
      [`model/${MARKER}/weights.bin`, big.length],
      [`${MARKER}.txt`, 6 + MARKER.length],
    ]);
    expect((await artifacts.open(at('model', MARKER, 'weights.bin'))).size).toBe(big.length);

    // on disk: the owner root plain, nothing below it, no plaintext name or byte anywhere
    expect(readdirSync(join(dir, 'artifacts'))).toEqual(['1']);
    expect(readdirSync(join(dir, 'artifacts', '1'))).toEqual([RUN]);
    expect(readdirSync(join(dir, 'artifacts', '1', RUN))).toEqual(['artifacts']);
    const disk = filesOnDisk(join(dir, 'artifacts', '1', RUN, 'artifacts'));
    expect(disk.names).toHaveLength(5);
    for (const name of ['model', 'empty', 'weights.bin', MARKER, `${MARKER}.txt`]) expect(disk.names.some((n) => n.includes(name))).toBe(false);
    expect(disk.bytes.includes(Buffer.from(MARKER))).toBe(false);
    expect(disk.bytes.includes(big.subarray(70_000, 70_032))).toBe(false);
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);

    await artifacts.delete(at('model'));
    expect(await artifacts.list(ROOT)).toEqual([
      { path: 'empty', is_dir: false, file_size: 0 },
      { path: `${MARKER}.txt`, is_dir: false, file_size: 6 + MARKER.length },
    ]);
    await expect(artifacts.open(at('model', MARKER, 'weights.bin'))).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('removes the folders left empty up to the owner root, through sealed names', async () => {
    const { artifacts, dir } = stores(true);
    await artifacts.write(at('a', 'b', 'c', 'gone.txt'), Readable.from(['x']));
    await artifacts.write(at('a', 'kept.txt'), Readable.from(['y']));
    await artifacts.delete(at('a', 'b', 'c', 'gone.txt'));
    await artifacts.removeEmptyFolders(at('a', 'b', 'c', 'gone.txt'), ROOT);
    expect(await artifacts.list(at('a'))).toEqual([{ path: 'kept.txt', is_dir: false, file_size: 1 }]);
    expect(filesOnDisk(join(dir, 'artifacts', '1', RUN, 'artifacts')).names).toHaveLength(2);
  });

  it('reads a range by opening only the chunks covering it, across chunk boundaries and up to the end', async () => {
    const { artifacts } = stores(true);
    await artifacts.write(at('w.bin'), Readable.from([big]));
    for (const [start, end] of [[0, 1], [65_535, 65_537], [100_000, 200_000], [131_072, 131_072], [199_999, 250_000], [300_000, 400_000]] as const) {
      const got = await readAll(artifacts, at('w.bin'), { start, end });
      expect(got.equals(big.subarray(start, end)), `[${start}, ${end})`).toBe(true);
    }
  });

  it('a name too long once sealed is refused as INVALID_PARAMETER_VALUE, naming the limit', async () => {
    const { artifacts } = stores(true);
    const long = 'n'.repeat(164);
    await expect(artifacts.write(at(long), Readable.from(['x']))).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(/at most 163 bytes/) });
    expect(() => artifacts.check(at('dir', long, 'f'))).toThrow(/at most 163 bytes/);
    await artifacts.write(at('n'.repeat(163)), Readable.from(['fits']));
    expect((await readAll(artifacts, at('n'.repeat(163)))).toString()).toBe('fits');
  });

  describe('damage is an error, never garbage or a clean short read', () => {
    const fileOf = (dir: string, ...sub: string[]) => {
      let d = join(dir, 'artifacts', '1', RUN, 'artifacts');
      for (const s of sub) d = join(d, readdirSync(d).find((n) => n.startsWith(s)) ?? s);
      return d;
    };
    async function damaged(edit: (file: string, dir: string) => void, range?: { start: number; end: number }) {
      const { artifacts, dir } = stores(true);
      await artifacts.write(at('w.bin'), Readable.from([big]));
      const [file] = readdirSync(fileOf(dir));
      edit(join(fileOf(dir), file!), dir);
      return readAll(artifacts, at('w.bin'), range).then(
        (b) => ({ ok: true as const, bytes: b }),
        (e: unknown) => ({ ok: false as const, error: e as { code?: string; message: string } }),
      );
    }
    const flip = (at: number) => (file: string) => {
      const b = readFileSync(file);
      b[at]! ^= 1;
      writeFileSync(file, b);
    };

    it.each([
      ['the header', 5],
      ['the first chunk', 100],
      ['the last chunk', 200_050],
      ['a tag', 28 + 65_536 + 28 - 1],
    ])('a bit flipped in %s', async (_what, at) => {
      const r = await damaged(flip(at));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'INTERNAL_ERROR', message: expect.stringMatching(/damaged in the encrypted store/) });
    });

    it.each([
      ['at a chunk boundary', 28 + 2 * (65_536 + 28)],
      ['inside the last chunk', 200_000],
      ['inside the header', 10],
    ])('a file cut %s', async (_what, length) => {
      const r = await damaged((file) => truncateSync(file, length));
      expect(r.ok).toBe(false);
    });

    it('a range in a flipped chunk fails; a range in an intact chunk of the same file still reads', async () => {
      expect((await damaged(flip(28 + 65_564 + 10), { start: 65_536, end: 65_600 })).ok).toBe(false);
      const intact = await damaged(flip(28 + 65_564 + 10), { start: 0, end: 1000 });
      expect(intact.ok && intact.bytes.equals(big.subarray(0, 1000))).toBe(true);
    });

    it("a file swapped with another artifact's sealed file does not open", async () => {
      const { artifacts, dir } = stores(true);
      await artifacts.write(at('a.txt'), Readable.from(['contents of a']));
      await artifacts.write(at('b.txt'), Readable.from(['contents of b']));
      const folder = fileOf(dir);
      const [x, y] = readdirSync(folder);
      renameSync(join(folder, x!), join(folder, 'tmp'));
      renameSync(join(folder, y!), join(folder, x!));
      renameSync(join(folder, 'tmp'), join(folder, y!));
      await expect(readAll(artifacts, at('a.txt'))).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
      await expect(readAll(artifacts, at('b.txt'))).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    });

    it('a file whose name was not sealed in its folder makes the listing fail, naming the folder', async () => {
      const { artifacts, dir } = stores(true);
      await artifacts.write(at('a.txt'), Readable.from(['a']));
      writeFileSync(join(fileOf(dir), 'planted.txt'), 'x');
      await expect(artifacts.list(ROOT)).rejects.toMatchObject({ code: 'INTERNAL_ERROR', message: expect.stringMatching(/was not sealed there/) });
    });
  });
});

describe('artifact store, plain', () => {
  it('keeps names and bytes exactly as given, and reads ranges', async () => {
    const { artifacts, dir } = stores(false);
    await artifacts.write(at('model', `${MARKER}.bin`), Readable.from([big]));
    const file = join(dir, 'artifacts', '1', RUN, 'artifacts', 'model', `${MARKER}.bin`);
    expect(readFileSync(file).equals(big)).toBe(true);
    expect(await artifacts.list(at('model'))).toEqual([{ path: `${MARKER}.bin`, is_dir: false, file_size: big.length }]);
    expect((await readAll(artifacts, at('model', `${MARKER}.bin`), { start: 65_000, end: 70_000 })).equals(big.subarray(65_000, 70_000))).toBe(true);
    await artifacts.write(at('n'.repeat(200)), Readable.from(['long names are the file system\'s business']));
    expect(await artifacts.stat(at('n'.repeat(200)))).toMatchObject({ isFile: true });
  });
});
