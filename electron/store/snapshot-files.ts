import { readdirSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { readStoredFileWithSpareSync } from './stored-file';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeFileDurably, writeFileDurablyAsync } from './durable-fs';
import type { Manifest } from './manifest';
import { DamageError } from './crypto/sealed/damage-error';
import { readSealedFileWithSpareSync, writeSealedFileDurably, writeSealedFileDurablyAsync } from './sealed-whole-file';
import { StoreOpenError } from './store-errors';

export const SNAPSHOT_DIR = 'snapshots';
export const snapshotName = (seq: number) => `${String(seq).padStart(16, '0')}.sqlite`;
/** Where a sealed snapshot belongs (bound into its every chunk): one renamed to another seq does not open. */
const snapshotPlace = (seq: number) => `snapshot/${seq}`;

/**
 * Writes a database image as snapshots/<seq>.sqlite, durably, and describes it for the manifest.
 * With `key` (an encrypted store's snapshot subkey) the file is sealed (sealed-whole-file.ts);
 * the manifest's crc32 and bytes are always the plaintext image's, so they keep meaning the
 * same for both kinds of store (and the crc checks the opened image once more).
 */
export function writeSnapshot(dir: string, seq: number, image: Uint8Array, key: Uint8Array | null = null): NonNullable<Manifest['snapshot']> {
  const file = snapshotName(seq);
  if (key) writeSealedFileDurably(join(dir, SNAPSHOT_DIR, file), key, snapshotPlace(seq), image);
  else writeFileDurably(join(dir, SNAPSHOT_DIR, file), image);
  return { file, seq, crc32: crc32(image), bytes: image.length };
}

/** writeSnapshot without blocking the event loop on the write and fsyncs (the checksum, and sealing, still run here). */
export async function writeSnapshotAsync(dir: string, seq: number, image: Uint8Array, key: Uint8Array | null = null): Promise<NonNullable<Manifest['snapshot']>> {
  const file = snapshotName(seq);
  if (key) await writeSealedFileDurablyAsync(join(dir, SNAPSHOT_DIR, file), key, snapshotPlace(seq), image);
  else await writeFileDurablyAsync(join(dir, SNAPSHOT_DIR, file), image);
  return { file, seq, crc32: crc32(image), bytes: image.length };
}

/** Reads the snapshot the manifest names and checks it is exactly what was written (opening it with `key` when sealed). */
export function readSnapshot(dir: string, snap: NonNullable<Manifest['snapshot']>, key: Uint8Array | null = null): Uint8Array {
  return readSnapshotWithHeadroom(dir, snap, 0, key);
}

/**
 * readSnapshot into a buffer `headroom` zero bytes longer than the snapshot, for sql.js to open
 * as a file with room to grow (SQLite takes the database's size from its header, not from the
 * file's). One allocation and no copy: the zeroed headroom takes no memory until written, and a
 * Buffer given to sql.js becomes its file as it is (MEMFS slices it, and a Buffer's slice is a
 * view; a plain Uint8Array would be copied whole).
 */
export function readSnapshotWithHeadroom(dir: string, snap: NonNullable<Manifest['snapshot']>, headroom: number, key: Uint8Array | null = null): Buffer {
  const path = join(dir, SNAPSHOT_DIR, snap.file);
  let read: { bytes: Buffer; length: number };
  try {
    read = key ? readSealedFileWithSpareSync(path, key, snapshotPlace(snap.seq), headroom) : readStoredFileWithSpareSync(path, headroom);
  } catch (err) {
    if (err instanceof DamageError) {
      throw new StoreOpenError(`snapshot ${path} is damaged (${err.message}); refusing to open. Restore the store folder from a backup.`);
    }
    throw new StoreOpenError(`snapshot ${path} is missing or unreadable (${(err as NodeJS.ErrnoException).code}); restore the store folder from a backup`);
  }
  const { bytes, length } = read;
  if (length !== snap.bytes || bytes.length !== length + headroom || crc32(bytes.subarray(0, length)) !== snap.crc32) {
    throw new StoreOpenError(`snapshot ${path} is corrupt (size or checksum does not match store.json); refusing to open. Restore the store folder from a backup.`);
  }
  return bytes;
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
