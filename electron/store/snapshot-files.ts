import { readdirSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { readStoredFileSync } from './stored-file';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeFileDurably, writeFileDurablyAsync } from './durable-fs';
import type { Manifest } from './manifest';
import { StoreOpenError } from './store-errors';

export const SNAPSHOT_DIR = 'snapshots';
export const snapshotName = (seq: number) => `${String(seq).padStart(16, '0')}.sqlite`;

/** Writes a database image as snapshots/<seq>.sqlite, durably, and describes it for the manifest. */
export function writeSnapshot(dir: string, seq: number, image: Uint8Array): NonNullable<Manifest['snapshot']> {
  const file = snapshotName(seq);
  writeFileDurably(join(dir, SNAPSHOT_DIR, file), image);
  return { file, seq, crc32: crc32(image), bytes: image.length };
}

/** writeSnapshot without blocking the event loop on the write and fsyncs (the checksum still runs here). */
export async function writeSnapshotAsync(dir: string, seq: number, image: Uint8Array): Promise<NonNullable<Manifest['snapshot']>> {
  const file = snapshotName(seq);
  await writeFileDurablyAsync(join(dir, SNAPSHOT_DIR, file), image);
  return { file, seq, crc32: crc32(image), bytes: image.length };
}

/** Reads the snapshot the manifest names and checks it is exactly what was written. */
export function readSnapshot(dir: string, snap: NonNullable<Manifest['snapshot']>): Uint8Array {
  const path = join(dir, SNAPSHOT_DIR, snap.file);
  let image: Buffer;
  try {
    image = readStoredFileSync(path);
  } catch (err) {
    throw new StoreOpenError(`snapshot ${path} is missing or unreadable (${(err as NodeJS.ErrnoException).code}); restore the store folder from a backup`);
  }
  if (image.length !== snap.bytes || crc32(image) !== snap.crc32) {
    throw new StoreOpenError(`snapshot ${path} is corrupt (size or checksum does not match store.json); refusing to open. Restore the store folder from a backup.`);
  }
  return image;
}

/** Removes snapshot files other than the current one (left by earlier checkpoints or a crash). */
export function removeOldSnapshots(dir: string, keep: string | null): void {
  for (const name of readdirSync(join(dir, SNAPSHOT_DIR))) {
    if (name !== keep) rmSync(join(dir, SNAPSHOT_DIR, name), { force: true });
  }
}

/** removeOldSnapshots without blocking the event loop (unlinking a large file can take a while). */
export async function removeOldSnapshotsAsync(dir: string, keep: string | null): Promise<void> {
  for (const name of await readdir(join(dir, SNAPSHOT_DIR))) {
    if (name !== keep) await rm(join(dir, SNAPSHOT_DIR, name), { force: true });
  }
}
