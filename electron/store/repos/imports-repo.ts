import type { Database } from '../database';
import type { ImportMapEntry } from '../ops/import-op-types';

/** The local item an item of an import source became (undefined: not imported from it yet). */
export function importedId(db: Database, source: string, kind: ImportMapEntry['kind'], sourceId: string): string | undefined {
  return db.get<{ local_id: string }>('SELECT local_id FROM import_ids WHERE source = ? AND kind = ? AND source_id = ?', [source, kind, sourceId])?.local_id;
}

/** Whether a local item came from this source (any source item mapped to it). */
export function isImportedFrom(db: Database, source: string, kind: ImportMapEntry['kind'], localId: string): boolean {
  return db.get('SELECT 1 AS x FROM import_ids WHERE source = ? AND kind = ? AND local_id = ?', [source, kind, localId]) !== undefined;
}

export interface ImportedRun {
  source: string;
  complete: boolean;
}

/** Where a run was imported from, and whether that import finished it. */
export function importedRun(db: Database, runId: string): ImportedRun | undefined {
  const r = db.get<{ source: string; complete: number }>('SELECT source, complete FROM import_runs WHERE run_id = ?', [runId]);
  return r && { source: r.source, complete: r.complete === 1 };
}

export interface ImportSourceRow {
  identity: string;
  kind: string;
  label: string;
  firstTime: number;
  lastTime: number;
  lastSummary: string;
}

/** Every source imported into this store, most recent first. */
export function importSources(db: Database): ImportSourceRow[] {
  return db.all<ImportSourceRow>(
    'SELECT identity, kind, label, first_time AS firstTime, last_time AS lastTime, last_summary AS lastSummary FROM import_sources ORDER BY last_time DESC',
  );
}
