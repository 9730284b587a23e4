import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';

// sql.js keeps a database as one file of Emscripten's in-memory file system (MEMFS): a single
// array, exactly as long as the image it was opened from. When SQLite writes past its end,
// MEMFS allocates an array 1.125x as large and copies the whole file into it: on a 213 MB
// database that is ~300 ms of CPU in one synchronous write (the first that grows the database
// after the open), and again every 12.5% of growth. sql.js does not expose MEMFS; the lever is
// the image it is opened from. An image followed by zero bytes makes the file longer than the
// database: SQLite takes the database's size from the header (valid since 3.7.0 when the
// version-valid-for number matches the change counter), so the zeros are not pages. New pages
// are written into them in place; `PRAGMA page_count` and `export()` (an online backup of the
// pages) stay exact, so a snapshot carries no padding. SQLite truncates the file only when a
// rollback undoes a transaction that wrote past the file's size at its start (pages spilled
// from its cache): the file then returns to that size, headroom included, at the cost of one copy.
//
// Copies: MEMFS keeps a Node Buffer it is given as the file itself (it `slice`s it, and a
// Buffer's slice is a view), but copies a plain Uint8Array whole. Zeroed headroom from
// Buffer.alloc takes no memory until SQLite writes into it (the system zeroes pages lazily).

/** The least headroom, bytes. */
export const MIN_HEADROOM_BYTES = 4 * 1024 * 1024;
/** Headroom as a share of the image: a quarter's growth before MEMFS copies the file (no memory until used). */
export const HEADROOM_SHARE = 0.25;
/** Headroom is a whole number of these (a multiple of every SQLite page size). */
const HEADROOM_UNIT = 65536;

/** The headroom an image of `imageBytes` gets, bytes (a multiple of 64 KiB). */
export function headroomFor(imageBytes: number): number {
  const want = Math.max(MIN_HEADROOM_BYTES, imageBytes * HEADROOM_SHARE);
  return Math.ceil(want / HEADROOM_UNIT) * HEADROOM_UNIT;
}

const MAGIC = 'SQLite format 3\0';

/**
 * The size of the database in `image` as SQLite will take it from the header (page count ×
 * page size), or null when SQLite would take it from the file's length instead (no valid
 * in-header size) or the header is not a database's. Bytes after that size are not pages.
 */
export function databaseSizeInHeader(image: Uint8Array): number | null {
  if (image.length < 100) return null;
  for (let i = 0; i < MAGIC.length; i++) if (image[i] !== MAGIC.charCodeAt(i)) return null;
  const view = new DataView(image.buffer, image.byteOffset, 100);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return null;
  const pageCount = view.getUint32(28);
  if (pageCount === 0 || view.getUint32(24) !== view.getUint32(92)) return null;
  const size = pageCount * pageSize;
  return size <= image.length ? size : null;
}

/** How much of the bytes after the database openSqlJsDatabase checks are zero (a check of the caller, not a proof). */
const TAIL_CHECKED = 65536;

/** Whether bytes[from, to) are all zero. */
function zeroBetween(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * A zeroed Buffer `headroom` bytes longer than `bytes`, for reading an image of `bytes` into its
 * start (e.g. with fs.readSync, as snapshot-files' readSnapshotWithHeadroom does) and opening it
 * with openSqlJsDatabase: no copy, and the headroom takes no memory until written.
 */
export function imageBufferWithHeadroom(bytes: number, headroom = headroomFor(bytes)): Buffer {
  return Buffer.alloc(bytes + headroom);
}

/**
 * `image` copied into a buffer with `headroom` after it (default headroomFor). The copy of a
 * 213 MB image costs 0.2–0.8 s on the shared VM: read the image into imageBufferWithHeadroom
 * instead where the caller reads it.
 */
export function withHeadroom(image: Uint8Array, headroom = headroomFor(image.length)): Buffer {
  const padded = imageBufferWithHeadroom(image.length, Math.ceil(headroom / HEADROOM_UNIT) * HEADROOM_UNIT);
  padded.set(image);
  return padded;
}

/**
 * Opens `image` (null: a new, empty database) in sql.js without copying it: the database keeps
 * the image's memory as its file and writes into it (do not use `image` afterwards).
 * `databaseBytes` says how much of it is the database (default: all of it). When the image is
 * longer (read into imageBufferWithHeadroom or readSnapshotWithHeadroom, or made by
 * withHeadroom), the rest is the file's headroom: the writes that grow the database land there
 * instead of sql.js copying the whole file. That is only so when SQLite takes the database's
 * size from its header and it is `databaseBytes`, and the rest is zero (its first 64 KiB are
 * checked); otherwise the first `databaseBytes` are opened alone, as sql.js always did (zeros
 * SQLite counted as pages would be pages no table uses).
 */
export function openSqlJsDatabase(SQL: SqlJsStatic, image: Uint8Array | null, databaseBytes = image?.length ?? 0): SqlJsDatabase {
  if (!image) return new SQL.Database();
  // MEMFS keeps a Buffer as the file (its slice is a view) but copies a plain Uint8Array
  const asFile = (bytes: Uint8Array) => new SQL.Database(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  const database = databaseBytes < image.length ? image.subarray(0, databaseBytes) : image;
  if (database === image) return new SQL.Database(image);
  const headroomUsable = databaseSizeInHeader(image) === databaseBytes && zeroBetween(image, databaseBytes, Math.min(image.length, databaseBytes + TAIL_CHECKED));
  return asFile(headroomUsable ? image : database);
}
