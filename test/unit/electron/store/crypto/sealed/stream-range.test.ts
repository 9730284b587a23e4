import { randomBytes } from 'node:crypto';
import { mkdtemp, open as openFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { DamageError } from '../../../../../../electron/store/crypto/sealed/damage-error';
import { chunkPosition } from '../../../../../../electron/store/crypto/sealed/stream-format';
import { openStreamRange, readSealedFileInfo, sourceFromBuffer, sourceFromFileHandle, type RandomAccessSource } from '../../../../../../electron/store/crypto/sealed/stream-range';
import { createSealStream } from '../../../../../../electron/store/crypto/sealed/stream-transforms';

const key = randomBytes(32);

async function seal(data: Uint8Array, chunkBytes?: number): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from([Buffer.from(data)]), createSealStream(key, { chunkBytes }), new Writable({ write: (c: Buffer, _e, done) => (out.push(c), done()) }));
  return Buffer.concat(out);
}

/** A source that counts the bytes read from it. */
function counting(buf: Buffer): RandomAccessSource & { bytesRead: number } {
  const inner = sourceFromBuffer(buf);
  const source = { size: buf.length, bytesRead: 0, read: async (p: number, l: number) => {
    const got = await inner.read(p, l);
    source.bytesRead += got.length;
    return got;
  } };
  return source;
}

describe('sealed streams: range reads', () => {
  it('equal slices of the plaintext, for ranges across chunk boundaries, at the ends and empty', async () => {
    for (const chunkBytes of [100, 65_536]) {
      const plain = randomBytes(chunkBytes * 7 + 33);
      const source = sourceFromBuffer(await seal(plain, chunkBytes));
      expect((await readSealedFileInfo(source)).plainBytes).toBe(plain.length);
      const c = chunkBytes;
      const ranges: Array<[number, number]> = [[0, 0], [0, 1], [0, c], [c - 1, c + 1], [c, 2 * c], [3 * c + 5, 6 * c - 5], [7 * c, plain.length], [plain.length - 1, plain.length], [0, plain.length]];
      for (let i = 0; i < 40; i++) {
        const s = Math.floor(Math.random() * plain.length);
        ranges.push([s, s + Math.floor(Math.random() * (plain.length - s + 1))]);
      }
      for (const [s, e] of ranges) expect((await openStreamRange(key, source, s, e)).equals(plain.subarray(s, e))).toBe(true);
    }
  });

  it('reads only the chunks covering the range', async () => {
    const source = counting(await seal(randomBytes(10 * 65_536)));
    await openStreamRange(key, source, 3 * 65_536 + 10, 4 * 65_536 + 10); // chunks 3 and 4
    expect(source.bytesRead).toBe(28 + 2 * (65_536 + 28));
  });

  it('reads only at the place the file was sealed for', async () => {
    const plain = randomBytes(1000);
    const out: Buffer[] = [];
    await pipeline(Readable.from([plain]), createSealStream(key, { place: 'artifacts/a.bin' }), new Writable({ write: (c: Buffer, _e, done) => (out.push(c), done()) }));
    const source = sourceFromBuffer(Buffer.concat(out));
    expect((await openStreamRange(key, source, 10, 20, { place: 'artifacts/a.bin' })).equals(plain.subarray(10, 20))).toBe(true);
    const info = await readSealedFileInfo(source, { place: 'artifacts/a.bin' });
    expect((await openStreamRange(key, source, 0, 1000, info)).equals(plain)).toBe(true);
    await expect(openStreamRange(key, source, 10, 20, { place: 'artifacts/b.bin' })).rejects.toMatchObject({ unit: 'chunk', index: 0, reason: 'authentication failed' });
  });

  it('reads from a file handle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sealed-range-'));
    try {
      const plain = randomBytes(200_000);
      await writeFile(join(dir, 'a'), await seal(plain));
      const file = await openFile(join(dir, 'a'));
      const source = sourceFromFileHandle(file, (await file.stat()).size);
      expect((await openStreamRange(key, source, 65_000, 140_000)).equals(plain.subarray(65_000, 140_000))).toBe(true);
      await file.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('detects damage in the chunks it reads and truncation when a range reaches the cut end', async () => {
    const plain = randomBytes(5 * 100 + 50);
    const sealed = await seal(plain, 100);
    const bad = Buffer.from(sealed);
    bad[chunkPosition(2, 100) + 50]! ^= 1;
    await expect(openStreamRange(key, sourceFromBuffer(bad), 0, 150)).resolves.toEqual(plain.subarray(0, 150)); // chunk 2 not read
    await expect(openStreamRange(key, sourceFromBuffer(bad), 150, 250)).rejects.toMatchObject({ unit: 'chunk', index: 2, reason: 'authentication failed' });

    const cut = sourceFromBuffer(sealed.subarray(0, chunkPosition(3, 100))); // looks like a 300-byte file
    expect((await readSealedFileInfo(cut)).plainBytes).toBe(300);
    await expect(openStreamRange(key, cut, 0, 200)).resolves.toEqual(plain.subarray(0, 200));
    await expect(openStreamRange(key, cut, 250, 300)).rejects.toMatchObject({ unit: 'chunk', index: 2, reason: 'truncated' });
    await expect(openStreamRange(key, cut, 250, 301)).rejects.toThrow(RangeError);

    const header = Buffer.from(sealed);
    header.writeUInt32LE(99, 8); // chunk size in the header
    await expect(openStreamRange(key, sourceFromBuffer(header), 0, 10)).rejects.toBeInstanceOf(DamageError);
  });
});
