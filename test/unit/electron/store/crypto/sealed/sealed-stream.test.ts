import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { DamageError } from '../../../../../../electron/store/crypto/sealed/damage-error';
import {
  chunkPosition,
  DEFAULT_CHUNK_BYTES,
  plainSizeOf,
  sealedSizeOf,
  STREAM_HEADER_BYTES,
} from '../../../../../../electron/store/crypto/sealed/stream-format';
import { createOpenStream, createSealStream } from '../../../../../../electron/store/crypto/sealed/stream-transforms';
import { damageOfAsync } from './damage-of';

const key = randomBytes(32);
const C = DEFAULT_CHUNK_BYTES;

/** Feeds `data` in pieces of `piece` bytes through `transform`, collecting its output. */
async function through(transform: NodeJS.ReadWriteStream, data: Uint8Array, piece = 16_384): Promise<Buffer> {
  const out: Buffer[] = [];
  const pieces = function* () {
    for (let at = 0; at < data.length; at += piece) yield Buffer.from(data.subarray(at, at + piece));
  };
  await pipeline(Readable.from(pieces()), transform, new Writable({ write: (c: Buffer, _e, done) => (out.push(c), done()) }));
  return Buffer.concat(out);
}

const seal = (data: Uint8Array, chunkBytes?: number, piece?: number) => through(createSealStream(key, { chunkBytes }), data, piece);
const open = (data: Uint8Array, piece?: number, k: Uint8Array = key) => through(createOpenStream(k), data, piece);

describe('sealed streams: round trips', () => {
  it('seals and opens many sizes; size on disk and plaintext size follow from each other', async () => {
    for (const n of [0, 1, C - 1, C, C + 1, 2 * C - 1, 2 * C, 2 * C + 1, 5 * C + 12_345]) {
      const plain = randomBytes(n);
      for (const piece of [1000, 16_384, 200_000]) {
        const sealed = await seal(plain, undefined, piece);
        expect(sealed.length).toBe(sealedSizeOf(n));
        expect(plainSizeOf(sealed.length)).toBe(n);
        expect(sealed.subarray(0, 4).toString('latin1')).toBe('SXE1');
        expect((await open(sealed, piece)).equals(plain)).toBe(true);
      }
    }
  });

  it('works with other chunk sizes (recorded in the header)', async () => {
    for (const n of [0, 99, 100, 101, 1000, 12_345]) {
      const plain = randomBytes(n);
      const sealed = await seal(plain, 100, 777);
      expect(plainSizeOf(sealed.length, 100)).toBe(n);
      expect((await open(sealed, 333)).equals(plain)).toBe(true);
    }
  });

  it('never reuses a nonce: every chunk of every seal of the same bytes differs', async () => {
    const plain = Buffer.alloc(3 * C, 7);
    const nonces = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const sealed = await seal(plain);
      for (let c = 0; c < 3; c++) nonces.add(sealed.subarray(chunkPosition(c, C), chunkPosition(c, C) + 12).toString('hex'));
    }
    expect(nonces.size).toBe(30);
  });
});

describe('sealed streams: damage', () => {
  const plain = randomBytes(3 * C + 500);
  const sealedP = seal(plain);

  it('detects a flipped bit anywhere, naming the unit and chunk', async () => {
    const sealed = await sealedP;
    const bytes = [0, 5, 8, 12, 27, 28, 40, chunkPosition(1, C) - 1, chunkPosition(1, C) + 20, chunkPosition(3, C) + 100, sealed.length - 1];
    for (let i = 0; i < 30; i++) bytes.push(Math.floor(Math.random() * sealed.length));
    for (const at of bytes) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x10;
      const e = await damageOfAsync(open(bad));
      if (at < STREAM_HEADER_BYTES) {
        expect(['header', 'chunk']).toContain(e.unit); // magic, version, size: the header; the file id: chunk 0 fails
      } else {
        expect(e).toMatchObject({ unit: 'chunk', index: Math.floor((at - STREAM_HEADER_BYTES) / (C + 28)) });
      }
    }
  });

  it('detects truncation at a chunk boundary, inside a chunk and right after the header', async () => {
    const sealed = await sealedP;
    expect(await damageOfAsync(open(sealed.subarray(0, chunkPosition(2, C))))).toMatchObject({ unit: 'chunk', index: 1, reason: 'truncated' });
    expect(await damageOfAsync(open(sealed.subarray(0, sealed.length - 1)))).toMatchObject({ unit: 'chunk', index: 3, reason: 'authentication failed' });
    expect(await damageOfAsync(open(sealed.subarray(0, STREAM_HEADER_BYTES)))).toMatchObject({ unit: 'chunk', reason: 'truncated' });
    expect(await damageOfAsync(open(sealed.subarray(0, 10)))).toMatchObject({ unit: 'header', reason: 'truncated' });
    expect(() => plainSizeOf(STREAM_HEADER_BYTES + 10)).toThrow(DamageError);
  });

  it('detects reordered chunks, a chunk spliced from another file, another key and a foreign file', async () => {
    const sealed = await sealedP;
    const swapped = Buffer.from(sealed);
    sealed.copy(swapped, chunkPosition(0, C), chunkPosition(1, C), chunkPosition(2, C));
    sealed.copy(swapped, chunkPosition(1, C), chunkPosition(0, C), chunkPosition(1, C));
    expect(await damageOfAsync(open(swapped))).toMatchObject({ unit: 'chunk', index: 0, reason: 'authentication failed' });

    const other = await seal(plain);
    const spliced = Buffer.from(sealed);
    other.copy(spliced, chunkPosition(2, C), chunkPosition(2, C), chunkPosition(3, C));
    expect(await damageOfAsync(open(spliced))).toMatchObject({ unit: 'chunk', index: 2, reason: 'authentication failed' });

    expect(await damageOfAsync(open(sealed, undefined, randomBytes(32)))).toMatchObject({ unit: 'chunk', index: 0 });
    expect(await damageOfAsync(open(Buffer.from('PK\x03\x04 not a sealed file at all, a zip'.padEnd(200))))).toMatchObject({ unit: 'header', reason: 'bad magic' });
  });
});

describe('sealed streams: the place a file belongs to', () => {
  it('opens only at the place it was sealed for (a whole file swapped with another under the same key)', async () => {
    const plain = randomBytes(1000);
    const sealed = await through(createSealStream(key, { place: 'snapshots/12' }), plain);
    expect((await through(createOpenStream(key, { place: 'snapshots/12' }), sealed)).equals(plain)).toBe(true);
    expect(await damageOfAsync(through(createOpenStream(key, { place: 'snapshots/11' }), sealed))).toMatchObject({ unit: 'chunk', index: 0, reason: 'authentication failed' });
    expect(await damageOfAsync(open(sealed))).toMatchObject({ unit: 'chunk', index: 0 });
  });
});

describe('sealed streams: backpressure', () => {
  /** Pipes 400 pieces of 64 KiB into `transform` without reading its output; how many pieces it took. */
  async function piecesTakenWhileNotRead(transform: NodeJS.ReadWriteStream, piece: (i: number) => Buffer): Promise<number> {
    let taken = 0;
    const source = Readable.from((function* () {
      for (let i = 0; i < 400; i++) {
        taken++;
        yield piece(i);
      }
    })());
    source.pipe(transform);
    // let it run until it has taken nothing for 50 turns of the event loop
    for (let stable = 0, before = taken; stable < 50; before = taken) {
      await new Promise((r) => setImmediate(r));
      stable = taken === before ? stable + 1 : 0;
    }
    source.unpipe(transform);
    source.destroy();
    return taken;
  }

  it('stops taking input while its output is not read', async () => {
    expect(await piecesTakenWhileNotRead(createSealStream(key), (i) => Buffer.alloc(C, i))).toBeLessThan(10);
    const sealed = await seal(randomBytes(400 * C));
    expect(await piecesTakenWhileNotRead(createOpenStream(key), (i) => sealed.subarray(i * C, (i + 1) * C))).toBeLessThan(10);
  });
});
