import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshot, readSnapshotWithHeadroom, SNAPSHOT_DIR, writeSnapshot } from '../../../../electron/store/snapshot-files';
import { StoreOpenError } from '../../../../electron/store/store-errors';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function storeWithSnapshot(image: Uint8Array) {
  const dir = tempDir();
  mkdirSync(join(dir, SNAPSHOT_DIR));
  return { dir, snap: writeSnapshot(dir, 7, image) };
}

const image = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) & 0xff);

describe('snapshot files', () => {
  it('reads back what was written, checked', () => {
    const { dir, snap } = storeWithSnapshot(image);
    expect(snap).toMatchObject({ seq: 7, bytes: image.length });
    expect(Buffer.compare(Buffer.from(readSnapshot(dir, snap)), Buffer.from(image))).toBe(0);
  });

  it('reads with headroom: the snapshot, then that many zero bytes, in one Buffer', () => {
    const { dir, snap } = storeWithSnapshot(image);
    const padded = readSnapshotWithHeadroom(dir, snap, 65536);
    expect(Buffer.isBuffer(padded)).toBe(true);
    expect(padded.length).toBe(image.length + 65536);
    expect(Buffer.compare(padded.subarray(0, image.length), Buffer.from(image))).toBe(0);
    expect(padded.subarray(image.length).every((b) => b === 0)).toBe(true);
  });

  it('refuses a snapshot whose checksum or size does not match, with or without headroom', () => {
    const { dir, snap } = storeWithSnapshot(image);
    const damaged = Uint8Array.from(image);
    damaged[5_000] = damaged[5_000]! ^ 1;
    writeFileSync(join(dir, SNAPSHOT_DIR, snap.file), damaged);
    expect(() => readSnapshot(dir, snap)).toThrow(StoreOpenError);
    expect(() => readSnapshotWithHeadroom(dir, snap, 4096)).toThrow(/corrupt/);
    writeFileSync(join(dir, SNAPSHOT_DIR, snap.file), image.subarray(0, 9_000));
    expect(() => readSnapshotWithHeadroom(dir, snap, 4096)).toThrow(/corrupt/);
    writeFileSync(join(dir, SNAPSHOT_DIR, snap.file), Buffer.concat([image, Buffer.alloc(1)]));
    expect(() => readSnapshotWithHeadroom(dir, snap, 4096)).toThrow(/corrupt/);
  });

  it('says a missing snapshot is missing', () => {
    const { dir, snap } = storeWithSnapshot(image);
    expect(() => readSnapshotWithHeadroom(dir, { ...snap, file: 'nope.sqlite' }, 4096)).toThrow(/missing or unreadable \(ENOENT\)/);
  });
});
