import type { BundleOp } from '../ops/bundle-op-types';
import type { ApplyContext } from './apply-context';

type BundleOpOf<T extends BundleOp['type']> = Extract<BundleOp, { type: T }>;

/** Recorded once; importing the same bundle again changes nothing here. */
function recordImportedBundle({ db }: ApplyContext, op: BundleOpOf<'bundle.imported'>): void {
  db.run('INSERT OR IGNORE INTO imported_bundles (bundle_id, source_store, created_time, since, file, imported_time) VALUES (?, ?, ?, ?, ?, ?)', [
    op.bundleId,
    op.sourceStore,
    op.createdTime,
    op.since,
    op.file,
    op.time,
  ]);
}

export const bundleAppliers = {
  'bundle.imported': recordImportedBundle,
};
