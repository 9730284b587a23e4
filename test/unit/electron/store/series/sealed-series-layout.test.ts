import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DamageError } from '../../../../../electron/store/crypto/sealed';
import { blockPosition, openFullBlock, openPartialBlock, sealSeriesWrite, SLOT_BYTES } from '../../../../../electron/store/series/sealed-series-layout';

const key = randomBytes(32);
const points = (n: number, seed = 1) => Buffer.from(new Float64Array(Array.from({ length: n * 3 }, (_, i) => seed * 1e6 + i)).buffer);

describe('sealed series layout', () => {
  it('puts block i at slot 1 + i and the tail copy (the head alone) in slot 0', () => {
    const whole = points(200); // block 1: its head of 30 points, then 30 new ones after a write at 200
    const w = sealSeriesWrite(key, 5, 0, whole, 0, false);
    expect(w.position).toBe(blockPosition(0));
    expect(w.position).toBe(SLOT_BYTES);
    expect(w.bytes.length).toBe(2 * SLOT_BYTES);
    expect(w.tailCopy).toBeNull();
    expect(openFullBlock(key, 5, 0, w.bytes.subarray(0, SLOT_BYTES))).toEqual(whole.subarray(0, 4080));
    const again = sealSeriesWrite(key, 5, 1, Buffer.concat([whole.subarray(4080), points(30, 2)]), 30 * 24, true);
    expect(again.position).toBe(blockPosition(1));
    const copy = again.tailCopy!;
    expect(copy.length).toBe(SLOT_BYTES);
    const fromCopy = openPartialBlock(key, 5, 1, 30, Buffer.alloc(SLOT_BYTES), () => copy);
    expect(fromCopy.fromCopy).toBe(true);
    expect(fromCopy.plain).toEqual(whole.subarray(4080));
    const fromBlock = openPartialBlock(key, 5, 1, 30, again.bytes, () => copy);
    expect(fromBlock.fromCopy).toBe(false);
    expect(fromBlock.plain).toEqual(whole.subarray(4080));
  });

  it('never opens a tail copy as a block, a block of another series or index, or a copy shorter than asked', () => {
    const w = sealSeriesWrite(key, 5, 1, points(60), 30 * 24, true);
    expect(() => openPartialBlock(key, 5, 1, 60, w.tailCopy!, () => null)).toThrow(DamageError);
    expect(() => openPartialBlock(key, 6, 1, 60, w.bytes, () => null)).toThrow(DamageError);
    expect(() => openPartialBlock(key, 5, 2, 60, w.bytes, () => null)).toThrow(DamageError);
    expect(() => openPartialBlock(key, 5, 1, 31, Buffer.alloc(SLOT_BYTES), () => w.tailCopy)).toThrow(DamageError); // the copy holds 30
    expect(openPartialBlock(key, 5, 1, 45, w.bytes, () => null).plain).toEqual(points(60).subarray(0, 45 * 24)); // a longer block (after a crash) gives its first points
  });
});
