import { performance } from 'node:perf_hooks';
import type { Database as SqlJsDatabase } from 'sql.js';
import { loadSqlJs } from '../database';
import { readSnapshotWithHeadroom, writeSnapshot } from '../snapshot-files';
import { headroomFor } from '../sqljs-file';
import { databaseFileInPlace, type DatabaseFileInPlace } from './database-file-in-place';
import type { SnapshotRef, ToWorker } from './mirror-protocol';

type From = Extract<ToWorker, { type: 'init' }>['from'];

/** The worker's mirror: its database, and that database's file in sql.js's memory. */
export interface MirrorDatabase {
  db: SqlJsDatabase;
  file: DatabaseFileInPlace;
}

/** `bytes` as a Buffer over the same memory: sql.js keeps a Buffer it is given as its file (MEMFS slices it, and a Buffer's slice is a view) but copies a plain Uint8Array whole. */
const asFile = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/**
 * Opens the mirror's database from what the main thread opened: the snapshot file (read and
 * checked here, so the main thread pays nothing for it), an image it sent, or nothing, none of
 * them copied. The snapshot is read straight into a buffer with the main database's headroom
 * after it (headroomFor; zeroed, no memory until written): SQLite takes the database's size from
 * the header, so the mirror grows into it in place instead of sql.js copying its whole file
 * 1.125x larger each time it grows.
 */
export async function openMirrorDatabase(dir: string, from: From, wasmPath?: string, snapshotKey: Uint8Array | null = null): Promise<MirrorDatabase> {
  const SQL = await loadSqlJs(wasmPath);
  const image = 'snapshot' in from ? readSnapshotWithHeadroom(dir, from.snapshot, headroomFor(from.snapshot.bytes), snapshotKey) : 'image' in from ? from.image : null;
  const db = image ? new SQL.Database(asFile(image)) : new SQL.Database();
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
export function writeMirrorSnapshot({ db, file }: MirrorDatabase, dir: string, seq: number, snapshotKey: Uint8Array | null = null): MirrorSnapshot {
  const t0 = performance.now();
  const inPlace = file.image();
  const image = inPlace ?? db.export();
  const t1 = performance.now();
  const snapshot = writeSnapshot(dir, seq, image, snapshotKey);
  return { snapshot, exportMs: t1 - t0, writeMs: performance.now() - t1, inPlace: inPlace !== null };
}
