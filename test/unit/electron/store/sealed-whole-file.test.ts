import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DamageError } from '../../../../electron/store/crypto/sealed';
import { readSealedFileWithSpareSync, writeSealedFileDurably, writeSealedFileDurablyAsync } from '../../../../electron/store/sealed-whole-file';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const key = randomBytes(32);
const plain = Buffer.concat([Buffer.from('SQLite format 3\0marker'), randomBytes(200_000)]);

describe('sealed whole files (snapshots)', () => {
  it('round trip, sync and async: no plaintext on disk, the plaintext back with zeroed headroom, no temp file left', async () => {
    const dir = tempDir();
    writeSealedFileDurably(join(dir, 'a'), key, 'snapshot/7', plain);
    await writeSealedFileDurablyAsync(join(dir, 'b'), key, 'snapshot/7', plain);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
    for (const name of ['a', 'b']) {
      expect(readFileSync(join(dir, name)).includes(Buffer.from('SQLite format 3'))).toBe(false);
      const { bytes, length } = readSealedFileWithSpareSync(join(dir, name), key, 'snapshot/7', 1000);
      expect(length).toBe(plain.length);
      expect(bytes.length).toBe(plain.length + 1000);
      expect(bytes.subarray(0, length).equals(plain)).toBe(true);
      expect(bytes.subarray(length).every((b) => b === 0)).toBe(true);
    }
  });

  it('an empty file round trips', () => {
    const path = join(tempDir(), 'e');
    writeSealedFileDurably(path, key, 'p', Buffer.alloc(0));
    expect(readSealedFileWithSpareSync(path, key, 'p', 0).length).toBe(0);
  });

  it('a flipped bit, a cut, an extension, another place or another key is damage, never garbage', () => {
    const dir = tempDir();
    const path = join(dir, 's');
    writeSealedFileDurably(path, key, 'snapshot/7', plain);
    const good = readFileSync(path);
    const damage = (bytes: Buffer, k = key, place = 'snapshot/7') => {
      writeFileSync(path, bytes);
      return () => readSealedFileWithSpareSync(path, k, place, 0);
    };
    const flipped = Buffer.from(good);
    flipped[100_000]! ^= 0x20;
    expect(damage(flipped)).toThrow(DamageError);
    expect(damage(good.subarray(0, good.length - 1))).toThrow(DamageError);
    expect(damage(good.subarray(0, 28 + 65536 + 28))).toThrow(/truncated/); // cut at a chunk boundary
    expect(damage(Buffer.concat([good, Buffer.alloc(5)]))).toThrow(DamageError);
    expect(damage(good, key, 'snapshot/8')).toThrow(DamageError);
    expect(damage(good, randomBytes(32))).toThrow(DamageError);
    truncateSync(path, 10);
    expect(() => readSealedFileWithSpareSync(path, key, 'snapshot/7', 0)).toThrow(DamageError);
    expect(statSync(path).size).toBe(10);
  });
});
