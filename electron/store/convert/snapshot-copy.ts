import type { StoreKeys } from '../crypto/store-keys';
import type { Manifest } from '../manifest';
import { readSnapshot, writeSnapshot } from '../snapshot-files';

type SnapshotRef = NonNullable<Manifest['snapshot']>;

const snapshotKeyOf = (keys: StoreKeys | null) => keys?.snapshot() ?? null;

/**
 * The snapshot of a store, opened with its keys (and checked against the manifest's crc) and
 * written into the copy with the copy's, through the snapshot files' own reader and writer
 * (sealed with the snapshot subkey in an encrypted store, plain otherwise). The metadata
 * database is the same in both stores (series files keep their ids, artifacts their plaintext
 * paths), so the image is copied as it is, at the same seq.
 */
export function copySnapshot(from: { dir: string; snapshot: SnapshotRef; keys: StoreKeys | null }, to: { dir: string; keys: StoreKeys | null }): SnapshotRef {
  const image = readSnapshot(from.dir, from.snapshot, snapshotKeyOf(from.keys));
  return writeSnapshot(to.dir, from.snapshot.seq, image, snapshotKeyOf(to.keys));
}
