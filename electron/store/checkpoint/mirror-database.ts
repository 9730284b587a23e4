import { performance } from 'node:perf_hooks';
import type { Database as SqlJsDatabase } from 'sql.js';
import { loadSqlJs } from '../database';
import { readSnapshotWithHeadroom, writeSnapshot } from '../snapshot-files';
import { databaseFileInPlace, type DatabaseFileInPlace } from './database-file-in-place';
import type { SnapshotRef, ToWorker } from './mirror-protocol';

type From = Extract<ToWorker, { type: 'init' }>['from'];

/** The worker's mirror: its database, and that database's file in sql.js's memory. */
export interface MirrorDatabase {
  db: SqlJsDatabase;
  file: DatabaseFileInPlace;
}

/**
 * Spare file the mirror's database is opened with: SQLite writes new pages into it in place,
 * where sql.js would otherwise copy the whole file into a 1.125x larger array each time it
 * grows past its end (the old and new arrays both held meanwhile). It takes no memory until
 * written. A quarter of the database, at least 4 MiB, in 64 KiB units.
 */
export function mirrorHeadroom(bytes: number): number {
  const unit = 65536;
  return Math.ceil(Math.max(4 * 1024 * 1024, bytes / 4) / unit) * unit;
}

/**
 * Opens the mirror's database from what the main thread opened: the snapshot file (read and
 * checked here, so the main thread pays nothing for it), an image it sent, or nothing. Neither
 * is copied: sql.js keeps a Buffer it is given as its file (see readSnapshotWithHeadroom).
 */
export async function openMirrorDatabase(dir: string, from: From, wasmPath?: string): Promise<MirrorDatabase> {
  const SQL = await loadSqlJs(wasmPath);
  const db =
    'snapshot' in from
      ? new SQL.Database(readSnapshotWithHeadroom(dir, from.snapshot, mirrorHeadroom(from.snapshot.bytes)))
      : 'image' in from
        ? new SQL.Database(Buffer.from(from.image.buffer, from.image.byteOffset, from.image.byteLength))
        : new SQL.Database();
  // The main thread's connection settings (they change no content; an image sent after they ran does not carry them).
  db.exec('PRAGMA journal_mode=MEMORY; PRAGMA foreign_keys=OFF;');
  return { db, file: databaseFileInPlace(SQL, db) };
}

export interface MirrorSnapshot {
  snapshot: SnapshotRef;
  /** Time to get the image: to check the file in place, or to export. */
  exportMs: number;
  writeMs: number;
  /** True: written from the database's file as sql.js holds it (no copy); false: from an export (a whole copy). */
  inPlace: boolean;
}

/**
 * Writes the mirror durably as snapshots/<seq>.sqlite, straight from its file in sql.js's
 * memory when that can be trusted (no copy of the database), else from an export.
 */
export function writeMirrorSnapshot({ db, file }: MirrorDatabase, dir: string, seq: number): MirrorSnapshot {
  const t0 = performance.now();
  const inPlace = file.image();
  const image = inPlace ?? db.export();
  const t1 = performance.now();
  const snapshot = writeSnapshot(dir, seq, image);
  return { snapshot, exportMs: t1 - t0, writeMs: performance.now() - t1, inPlace: inPlace !== null };
}
