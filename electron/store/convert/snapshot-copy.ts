import type { StoreKeys } from '../crypto/store-keys';
import type { Manifest } from '../manifest';
import { readSnapshot, writeSnapshot } from '../snapshot-files';

type SnapshotRef = NonNullable<Manifest['snapshot']>;

/**
 * The snapshot of a store, read with its keys and written into the copy with the copy's, through
 * the snapshot files' own reader and writer: the one place the conversion knows how a snapshot
 * is kept. The metadata database is the same in both stores (series files keep their ids,
 * artifacts their plaintext paths), so the image is copied as it is.
 */
export function copySnapshot(from: { dir: string; snapshot: SnapshotRef; keys: StoreKeys | null }, to: { dir: string; keys: StoreKeys | null }): SnapshotRef {
  const image = readSnapshot(from.dir, from.snapshot);
  return writeSnapshot(to.dir, from.snapshot.seq, image);
}
