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

/** Whether every byte of `bytes` from `from` on is zero. */
function zeroFrom(bytes: Uint8Array, from: number): boolean {
  let i = from;
  if ((bytes.byteOffset + i) % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (bytes.length - i) >>> 2);
    for (let w = 0; w < words.length; w++) if (words[w] !== 0) return false;
    i += words.length * 4;
  }
  for (; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * A zeroed Buffer `headroom` bytes longer than `bytes`, for reading an image of `bytes` into its
 * start (e.g. with fs.readSync) and opening it with openSqlJsDatabase without a copy.
 */
export function imageBufferWithHeadroom(bytes: number, headroom = headroomFor(bytes)): Buffer {
  return Buffer.alloc(bytes + headroom);
}

/**
 * Opens `image` (null: a new, empty database) in sql.js with spare file after the database,
 * so the writes that grow it land in the file sql.js holds instead of copying it whole.
 *
 * - An image already followed by zero bytes (read into imageBufferWithHeadroom, or
 *   snapshot-files' readSnapshotWithHeadroom) is opened as it is, without a copy.
 * - An image of exactly the database gets `headroom` (default headroomFor) with one copy.
 * - An image whose size SQLite would not take from its header is opened as it is.
 *
 * sql.js may keep the image's memory as its file and write into it: do not use `image` after.
 */
export function openSqlJsDatabase(SQL: SqlJsStatic, image: Uint8Array | null, headroom?: number): SqlJsDatabase {
  if (!image) return new SQL.Database();
  const asFile = (bytes: Uint8Array) => new SQL.Database(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  const size = databaseSizeInHeader(image);
  if (size === null) return new SQL.Database(image);
  if (size < image.length && zeroFrom(image, size)) return asFile(image);
  if (size < image.length) return new SQL.Database(image); // bytes after the database that are not ours to judge
  const extra = Math.ceil((headroom ?? headroomFor(size)) / HEADROOM_UNIT) * HEADROOM_UNIT;
  if (extra <= 0) return new SQL.Database(image);
  const padded = imageBufferWithHeadroom(size, extra);
  padded.set(image);
  return asFile(padded);
}
