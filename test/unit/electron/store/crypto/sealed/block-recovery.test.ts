import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BLOCK_PLAIN_BYTES, BLOCK_SLOT_BYTES, POINT_BYTES } from '../../../../../../electron/store/crypto/sealed/block-layout';
import { durablePlaintextAfterCrash } from '../../../../../../electron/store/crypto/sealed/block-recovery';
import { sealBlock } from '../../../../../../electron/store/crypto/sealed/sealed-blocks';
import { damageOf } from './damage-of';

const key = randomBytes(32);
const fileId = Buffer.from('series/7');
const plain = randomBytes(BLOCK_PLAIN_BYTES * 3);
/** Block 1 of the file holds plain[4080, 4080 + length). */
const block1 = (length: number) => sealBlock(key, fileId, 1, plain.subarray(BLOCK_PLAIN_BYTES, BLOCK_PLAIN_BYTES + length));
const durableAt = (pointsInBlock1: number) => BLOCK_PLAIN_BYTES + pointsInBlock1 * POINT_BYTES;

function recover(slot: Uint8Array, durablePlainBytes: number, tailImage?: Uint8Array) {
  return durablePlaintextAfterCrash({ key, fileId, index: 1, slot, durablePlainBytes, tailImage });
}

describe('sealed blocks after a crash: torn or tampered', () => {
  it('gives the durable part of the block straddling the count, whatever newer version holds it', () => {
    for (const written of [50, 51, 120, 170]) {
      expect(recover(block1(written * POINT_BYTES), durableAt(50)).equals(plain.subarray(BLOCK_PLAIN_BYTES, durableAt(50)))).toBe(true);
    }
  });

  it('finds the sealed length even when the tag ends in zero bytes (every length, many seals)', () => {
    let tagsEndingInZero = 0;
    for (let i = 0; i < 3000; i++) {
      const points = 1 + (i % 169);
      const slot = block1(points * POINT_BYTES);
      if (slot[28 + points * POINT_BYTES - 1] === 0) tagsEndingInZero++;
      expect(recover(slot, durableAt(points)).length).toBe(points * POINT_BYTES);
    }
    expect(tagsEndingInZero).toBeGreaterThan(0); // the case the rounding exists for did occur
  });

  it('calls a torn straddling block damage unless the journal holds its tail image', () => {
    const old = block1(50 * POINT_BYTES);
    const torn = Buffer.from(block1(90 * POINT_BYTES));
    old.copy(torn, 2048, 2048); // the new version's first half landed, the old second half stayed
    expect(damageOf(() => recover(torn, durableAt(50)))).toMatchObject({ unit: 'block', index: 1, reason: 'authentication failed' });
    const image = plain.subarray(BLOCK_PLAIN_BYTES, durableAt(50));
    expect(recover(torn, durableAt(50), image).equals(image)).toBe(true);
    expect(damageOf(() => recover(Buffer.alloc(BLOCK_SLOT_BYTES), durableAt(50))).reason).toBe('not written');
  });

  it('calls an older, shorter version of the straddling block damage (a replay)', () => {
    expect(damageOf(() => recover(block1(49 * POINT_BYTES), durableAt(50))).reason).toBe('authentication failed');
  });

  it('ignores blocks wholly past the durable count (replay rewrites them) and verifies full blocks before it', () => {
    expect(recover(randomBytes(BLOCK_SLOT_BYTES), BLOCK_PLAIN_BYTES).length).toBe(0);
    expect(recover(Buffer.alloc(BLOCK_SLOT_BYTES), 0).length).toBe(0);
    expect(recover(block1(BLOCK_PLAIN_BYTES), durableAt(170) + 100).equals(plain.subarray(BLOCK_PLAIN_BYTES, 2 * BLOCK_PLAIN_BYTES))).toBe(true);
    const flipped = block1(BLOCK_PLAIN_BYTES);
    flipped[100]! ^= 4;
    expect(damageOf(() => recover(flipped, durableAt(170) + 100, plain.subarray(BLOCK_PLAIN_BYTES)))).toMatchObject({ index: 1, reason: 'authentication failed' });
  });
});
