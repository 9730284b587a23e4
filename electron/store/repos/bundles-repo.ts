import type { Database } from '../database';

export interface ImportedBundleRow {
  bundle_id: string;
  source_store: string;
  created_time: number;
  since: string | null;
  file: string;
  imported_time: number;
}

export function findImportedBundle(db: Database, bundleId: string): ImportedBundleRow | undefined {
  return db.get<ImportedBundleRow>('SELECT * FROM imported_bundles WHERE bundle_id = ?', [bundleId]);
}

/** The bundles imported from one store, oldest first. */
export function importedBundlesFrom(db: Database, sourceStore: string): ImportedBundleRow[] {
  return db.all<ImportedBundleRow>('SELECT * FROM imported_bundles WHERE source_store = ? ORDER BY created_time', [sourceStore]);
}
