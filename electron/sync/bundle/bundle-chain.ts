import type { Database } from '../../store/database';
import type { BundleOp } from '../../store/ops/bundle-op-types';
import { findImportedBundle } from '../../store/repos/bundles-repo';
import type { BundleRef } from './bundle-catalog';

/** A bundle's place in its chain, as the import needs it. */
export interface BundleLink {
  bundleId: string;
  /** The store it was exported from. */
  storeId: string;
  createdAt: number;
  /** Its file name, for messages. */
  file: string;
  /** The bundle it continues (an incremental bundle), or null. */
  since: BundleRef | null;
}

export const describeBundle = (ref: { bundleId: string; createdAt: number; file: string }) => `'${ref.file}' (written ${new Date(ref.createdAt).toISOString()}, id ${ref.bundleId})`;

/**
 * Why this bundle cannot be imported into the store yet: it continues a bundle the store has not
 * imported (it holds only what changed since that one). Null when it may be imported.
 */
export function missingPredecessor(db: Database, link: BundleLink): string | null {
  if (!link.since || findImportedBundle(db, link.since.bundleId) || findImportedBundle(db, link.bundleId)) return null;
  return `bundle ${describeBundle(link)} holds only what changed since bundle ${describeBundle(link.since)}, which has not been imported into this store: import that one first (and any before it), then this one`;
}

/** Recorded once the bundle's import completed. */
export const bundleImportedOp = (link: BundleLink, time: number): BundleOp => ({
  type: 'bundle.imported',
  bundleId: link.bundleId,
  sourceStore: link.storeId,
  createdTime: link.createdAt,
  since: link.since?.bundleId ?? null,
  file: link.file,
  time,
});

/** Throws, naming the missing bundle, when `link` continues a bundle this store has not imported. */
export function refuseBrokenChain(db: Database, link: BundleLink | undefined): void {
  const why = link && missingPredecessor(db, link);
  if (why) throw new Error(why);
}
