import { performance } from 'node:perf_hooks';
import type { Database as SqlJsDatabase } from 'sql.js';
import { loadSqlJs } from '../database';
import { readSnapshot, writeSnapshot } from '../snapshot-files';
import type { SnapshotRef, ToWorker } from './mirror-protocol';

type From = Extract<ToWorker, { type: 'init' }>['from'];

/**
 * Opens the mirror's database from what the main thread opened: the snapshot file (read and
 * checked here, so the main thread pays nothing for it), an image it sent, or nothing.
 */
export async function openMirrorDatabase(dir: string, from: From, wasmPath?: string): Promise<SqlJsDatabase> {
  const SQL = await loadSqlJs(wasmPath);
  const db = 'snapshot' in from ? new SQL.Database(readSnapshot(dir, from.snapshot)) : 'image' in from ? new SQL.Database(from.image) : new SQL.Database();
  // The main thread's connection settings (they change no content; an image sent after they ran does not carry them).
  db.exec('PRAGMA journal_mode=MEMORY; PRAGMA foreign_keys=OFF;');
  return db;
}

/** Exports the mirror and writes it durably as snapshots/<seq>.sqlite. */
export function writeMirrorSnapshot(db: SqlJsDatabase, dir: string, seq: number): { snapshot: SnapshotRef; exportMs: number; writeMs: number } {
  const t0 = performance.now();
  const image = db.export();
  const t1 = performance.now();
  const snapshot = writeSnapshot(dir, seq, image);
  return { snapshot, exportMs: t1 - t0, writeMs: performance.now() - t1 };
}
