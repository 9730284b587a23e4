import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_PLAIN_BYTES,
  BLOCK_SLOT_BYTES,
  headNeededAt,
  POINT_BYTES,
  sealedFileBytes,
  slotsCovering,
} from '../../../../../../electron/store/crypto/sealed/block-layout';
import { openBlock, openBlockRange, sealAt, sealBlock } from '../../../../../../electron/store/crypto/sealed/sealed-blocks';
import { FakePositionalFile } from './sealed-file-fake';
import { damageOf } from './damage-of';

const key = randomBytes(32);
const fileId = Buffer.from('series/42');

/** Appends `plain` to a sealed file holding `total` bytes, the way a series file would. */
function append(file: FakePositionalFile, id: Uint8Array, total: number, plain: Uint8Array): number {
  const { headBytes } = headNeededAt(total);
  const head = headBytes ? openBlockRange(key, id, file.read(slotsCovering(total - headBytes, total).position, BLOCK_SLOT_BYTES), total - headBytes, total, total) : Buffer.alloc(0);
  const { position, bytes } = sealAt(key, id, total, head, plain);
  file.write(position, bytes);
  return total + plain.length;
}

function readAll(file: FakePositionalFile, id: Uint8Array, start: number, end: number, total: number): Buffer {
  const span = slotsCovering(start, end);
  return openBlockRange(key, id, file.read(span.position, span.length), start, end, total);
}

describe('sealed blocks: layout', () => {
  it('is 170 points of 24 bytes in slots of 4,108 bytes', () => {
    expect([BLOCK_PLAIN_BYTES, BLOCK_SLOT_BYTES]).toEqual([4080, 4108]);
    expect(sealBlock(key, fileId, 0, Buffer.alloc(24, 1)).length).toBe(4108);
    expect(slotsCovering(4079, 4081)).toEqual({ firstBlock: 0, blockCount: 2, position: 0, length: 8216 });
    expect(slotsCovering(4080, 8160)).toEqual({ firstBlock: 1, blockCount: 1, position: 4108, length: 4108 });
    expect(sealedFileBytes(0)).toBe(0);
    expect(sealedFileBytes(100_000 * POINT_BYTES)).toBe(589 * 4108);
    expect(headNeededAt(4080 + 48)).toEqual({ block: 1, headBytes: 48 });
  });
});

describe('sealed blocks: round trips', () => {
  it('reads back what was written for many sizes, written at once or appended point by point', () => {
    for (const points of [0, 1, 169, 170, 171, 339, 340, 341, 1000]) {
      const plain = randomBytes(points * POINT_BYTES);
      const once = new FakePositionalFile();
      expect(append(once, fileId, 0, plain)).toBe(plain.length);
      const each = new FakePositionalFile();
      let total = 0;
      for (let p = 0; p < points; p++) total = append(each, fileId, total, plain.subarray(p * POINT_BYTES, (p + 1) * POINT_BYTES));
      for (const file of [once, each]) {
        expect(file.bytes.length).toBe(sealedFileBytes(plain.length));
        expect(readAll(file, fileId, 0, plain.length, plain.length).equals(plain)).toBe(true);
      }
    }
  });

  it('reads any range as the slice of the plaintext', () => {
    const points = 1000;
    const plain = randomBytes(points * POINT_BYTES);
    const file = new FakePositionalFile();
    let total = 0;
    for (const batch of [7, 163, 1, 170, 300, 359]) total = append(file, fileId, total, plain.subarray(total, total + batch * POINT_BYTES));
    expect(total).toBe(plain.length);
    for (const [s, e] of [[0, 0], [0, 24], [4056, 4104], [4080, 4080 * 2], [4079, 4081], [12_000, plain.length], [plain.length - 1, plain.length]] as const) {
      expect(readAll(file, fileId, s, e, total).equals(plain.subarray(s, e))).toBe(true);
    }
    for (let i = 0; i < 50; i++) {
      const s = Math.floor(Math.random() * plain.length);
      const e = s + Math.floor(Math.random() * (plain.length - s));
      expect(readAll(file, fileId, s, e, total).equals(plain.subarray(s, e))).toBe(true);
    }
  });

  it('reads a 100,000-point series back exactly', () => {
    const values = new Float64Array(300_000).map((_, i) => i * 0.5);
    const plain = Buffer.from(values.buffer);
    const file = new FakePositionalFile();
    let total = 0;
    for (let at = 0; at < plain.length; at += 65_536 * POINT_BYTES) total = append(file, fileId, total, plain.subarray(at, Math.min(plain.length, at + 65_536 * POINT_BYTES)));
    const back = readAll(file, fileId, 0, total, total);
    expect(back.equals(plain)).toBe(true);
    expect(new Float64Array(back.buffer, back.byteOffset, back.length / 8)[299_999]).toBe(299_999 * 0.5);
  });

  it('seals the partial last block again with a new nonce on every append', () => {
    const file = new FakePositionalFile();
    let total = 0;
    const nonces = new Set<string>();
    for (let p = 0; p < 100; p++) {
      total = append(file, fileId, total, randomBytes(POINT_BYTES));
      nonces.add(file.bytes.subarray(0, 12).toString('hex'));
    }
    expect(nonces.size).toBe(100);
  });

  it('refuses a head of the wrong length', () => {
    expect(() => sealAt(key, fileId, 48, Buffer.alloc(24), Buffer.alloc(24))).toThrow(RangeError);
  });
});

describe('sealed blocks: damage', () => {
  const plain = randomBytes(400 * POINT_BYTES); // blocks 0, 1 full, block 2 partial (60 points)
  const sealedFile = () => {
    const file = new FakePositionalFile();
    append(file, fileId, 0, plain);
    return file;
  };

  it('detects a flipped bit anywhere in a slot, padding included, naming the block', () => {
    const clean = sealedFile();
    const bits = [0, 95, 96, 8 * 4000, 8 * 4107, 8 * 4108, 8 * 5000, 8 * (2 * 4108 + 12 + 1440 + 15), 8 * (2 * 4108 + 12 + 1440 + 16), 8 * (3 * 4108 - 1)];
    for (let i = 0; i < 200; i++) bits.push(Math.floor(Math.random() * clean.bytes.length * 8));
    for (const bit of bits) {
      const file = sealedFile();
      file.bytes[bit >> 3]! ^= 1 << (bit & 7);
      const e = damageOf(() => readAll(file, fileId, 0, plain.length, plain.length));
      expect(e.unit).toBe('block');
      expect(e.index).toBe(Math.floor((bit >> 3) / BLOCK_SLOT_BYTES));
      expect(['authentication failed', 'malformed']).toContain(e.reason);
    }
  });

  it('detects blocks swapped within a file, a block from another file and a zeroed block', () => {
    const file = sealedFile();
    const b0 = Buffer.from(file.read(0, BLOCK_SLOT_BYTES));
    file.write(0, file.read(BLOCK_SLOT_BYTES, BLOCK_SLOT_BYTES));
    file.write(BLOCK_SLOT_BYTES, b0);
    expect(damageOf(() => readAll(file, fileId, 0, plain.length, plain.length))).toMatchObject({ index: 0, reason: 'authentication failed' });

    const other = new FakePositionalFile();
    append(other, Buffer.from('series/43'), 0, plain);
    const mixed = sealedFile();
    mixed.write(BLOCK_SLOT_BYTES, other.read(BLOCK_SLOT_BYTES, BLOCK_SLOT_BYTES));
    expect(damageOf(() => readAll(mixed, fileId, 0, plain.length, plain.length))).toMatchObject({ index: 1, reason: 'authentication failed' });

    const zeroed = sealedFile();
    zeroed.write(BLOCK_SLOT_BYTES, Buffer.alloc(BLOCK_SLOT_BYTES));
    expect(damageOf(() => readAll(zeroed, fileId, 0, plain.length, plain.length))).toMatchObject({ index: 1, reason: 'not written' });
  });

  it('detects an older version of the last block put back (a replay)', () => {
    const file = new FakePositionalFile();
    let total = append(file, fileId, 0, plain.subarray(0, 350 * POINT_BYTES));
    const old = Buffer.from(file.read(2 * BLOCK_SLOT_BYTES, BLOCK_SLOT_BYTES));
    total = append(file, fileId, total, plain.subarray(total, plain.length));
    expect(readAll(file, fileId, 0, total, total).equals(plain)).toBe(true);
    file.write(2 * BLOCK_SLOT_BYTES, old);
    expect(damageOf(() => readAll(file, fileId, 0, total, total))).toMatchObject({ unit: 'block', index: 2, reason: 'authentication failed' });
  });

  it('detects a truncated file and a block opened with another key', () => {
    const file = sealedFile();
    const cut = file.bytes.subarray(0, file.bytes.length - 1);
    const span = slotsCovering(0, plain.length);
    expect(damageOf(() => openBlockRange(key, fileId, cut.subarray(span.position, span.length), 0, plain.length, plain.length))).toMatchObject({ index: 2, reason: 'truncated' });
    expect(damageOf(() => openBlock(randomBytes(32), fileId, 0, file.read(0, BLOCK_SLOT_BYTES), BLOCK_PLAIN_BYTES)).reason).toBe('authentication failed');
  });
});
