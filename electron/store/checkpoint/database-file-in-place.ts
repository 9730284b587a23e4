import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';

// sql.js keeps a database as a file of Emscripten's in-memory file system (MEMFS): one JS
// Uint8Array (`contents`, with spare capacity) and its length in use (`usedBytes`), on the
// file's node. It does not expose that file system, so `db.export()` is the only public way
// to the bytes, and it copies the whole database (an online backup into a fresh array). Here
// the node is found instead, so a snapshot can be written from the file's own bytes:
//
// 1. MEMFS's file operations (one object shared by every file) are caught as `export()` passes
//    them to Object.create (it wraps them to write the backup straight into its result).
// 2. Their `read` is wrapped while the database reads its file once, which shows the stream,
//    and so the node, of the file named `db.filename`.
// 3. The node's contents and used length are found by what they are (the only byte array; the
//    number equal to the database's size), as the minified build renames them.
//
// This leans on sql.js's internals (checked with 1.16.0). Every step checks what it finds, and
// every image is checked against what SQLite itself says of the database (see `image`); when
// anything does not fit, there is no file in place and the caller exports as before.

type FileOps = Record<string, unknown> & { read: (...args: unknown[]) => unknown };
type FileNode = Record<string, unknown>;

const fileOpsOf = new WeakMap<SqlJsStatic, FileOps | null>();

/** MEMFS's shared file operations, caught once per sql.js module (null: not found). */
function memfsFileOps(SQL: SqlJsStatic): FileOps | null {
  if (fileOpsOf.has(SQL)) return fileOpsOf.get(SQL)!;
  let ops: FileOps | null = null;
  const scratch = new SQL.Database();
  const create = Object.create;
  Object.create = function catchFileOps(proto: object | null, props?: PropertyDescriptorMap) {
    const p = proto as Partial<FileOps> | null;
    if (!ops && p && typeof p.read === 'function' && typeof p.write === 'function') ops = p as FileOps;
    return props === undefined ? create(proto) : create(proto, props);
  } as typeof Object.create;
  try {
    scratch.export();
  } catch {
    ops = null;
  } finally {
    Object.create = create;
    scratch.close();
  }
  fileOpsOf.set(SQL, ops);
  return ops;
}

/** The node of the MEMFS file named `name`, seen while `touch` reads it (null: not seen). */
function nodeOfFile(ops: FileOps, name: string, touch: () => void): FileNode | null {
  let node: FileNode | null = null;
  const read = ops.read;
  ops.read = function readWatched(this: unknown, ...args: unknown[]) {
    const n = (args[0] as { node?: FileNode } | undefined)?.node;
    if (!node && n && n['name'] === name) node = n;
    return read.apply(this, args);
  };
  try {
    touch();
  } finally {
    ops.read = read;
  }
  return node;
}

/** What SQLite says of the database, to check the file's header against. */
interface PageCounts {
  pageCount: number;
  pageSize: number;
  freelistCount: number;
  schemaVersion: number;
}

function pageCounts(db: SqlJsDatabase): PageCounts {
  const one = (pragma: string) => Number(db.exec(`PRAGMA ${pragma}`)[0]!.values[0]![0]);
  return { pageCount: one('page_count'), pageSize: one('page_size'), freelistCount: one('freelist_count'), schemaVersion: one('schema_version') };
}

/** Number fields of a MEMFS node that keep their names in the minified build (none is the used length). */
const NAMED_NUMBERS = new Set(['id', 'mode', 'rdev', 'atime', 'mtime', 'ctime']);

/**
 * The keys of the node's contents and used length (renamed in the minified build), or null if
 * not unambiguous: the only byte array, at least `bytes` long, and the only other number
 * between `bytes` (the database's size; the file may be longer, padded) and the array's length.
 */
function fileKeys(node: FileNode, bytes: number): { contents: string; used: string } | null {
  const arrays = Object.keys(node).filter((k) => node[k] instanceof Uint8Array);
  if (arrays.length !== 1) return null;
  const capacity = (node[arrays[0]!] as Uint8Array).length;
  const lengths = Object.keys(node).filter((k) => !NAMED_NUMBERS.has(k) && typeof node[k] === 'number' && (node[k] as number) >= bytes && (node[k] as number) <= capacity);
  if (lengths.length !== 1 || bytes === 0) return null;
  return { contents: arrays[0]!, used: lengths[0]! };
}

const MAGIC = 'SQLite format 3\0';

/** Whether `bytes` is a whole rollback-journal database image as SQLite describes it (its header says so). */
function isWholeImage(bytes: Uint8Array, { pageCount, pageSize, freelistCount, schemaVersion }: PageCounts): boolean {
  if (bytes.length !== pageCount * pageSize || bytes.length < 100) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return false;
  const headerPageSize = (bytes[16]! << 8) | bytes[17]!;
  if ((headerPageSize === 1 ? 65536 : headerPageSize) !== pageSize) return false;
  // Bytes 18/19 are 1 outside WAL mode (export() sets them so; a WAL image is not one to write as is).
  if (bytes[18] !== 1 || bytes[19] !== 1) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 100);
  // The size in the header is valid when its version number matches the change counter (always, since SQLite 3.7.0).
  if (view.getUint32(92) !== view.getUint32(24) || view.getUint32(28) !== pageCount) return false;
  // The free pages and the schema cookie, as SQLite has them, must be the file's too.
  return view.getUint32(36) === freelistCount && view.getUint32(40) === schemaVersion;
}

/** Whether a transaction is open on `db` (its file may then hold changes not committed, or miss some). */
function inTransaction(db: SqlJsDatabase): boolean {
  try {
    db.exec('BEGIN; ROLLBACK;');
    return false;
  } catch {
    return true;
  }
}

/** A sql.js database's file, read where it is. */
export interface DatabaseFileInPlace {
  /**
   * The database's whole image as its file holds it now: a view of sql.js's own array (no
   * copy; without any padding the file has past the database), valid until the database next writes. Null when it cannot be trusted (a transaction
   * is open, or the file does not match what SQLite says of the database): export instead.
   */
  image(): Uint8Array | null;
}

interface FoundFile {
  node: FileNode;
  keys: { contents: string; used: string };
}

/** The node of `db`'s file and the keys of its contents and used length, or null if not found for sure. */
function findFile(SQL: SqlJsStatic, db: SqlJsDatabase): FoundFile | null {
  const ops = memfsFileOps(SQL);
  const name = (db as unknown as { filename?: unknown }).filename;
  if (!ops || typeof name !== 'string') return null;
  let counts: PageCounts | null = null;
  const node = nodeOfFile(ops, name, () => {
    counts = pageCounts(db); // a read transaction: SQLite reads the file's header at least
  });
  if (!node || !counts) return null;
  const { pageCount, pageSize } = counts as PageCounts;
  const keys = fileKeys(node, pageCount * pageSize);
  return keys && { node, keys };
}

/**
 * The file of `db` (opened from `SQL`) in sql.js's memory. It is looked for at the first
 * `image()` (and again until found: a database still empty has no file to find), with a read
 * of the database that changes nothing.
 */
export function databaseFileInPlace(SQL: SqlJsStatic, db: SqlJsDatabase): DatabaseFileInPlace {
  let found: FoundFile | null = null;
  return {
    image() {
      if (inTransaction(db)) return null;
      found ??= findFile(SQL, db);
      if (!found) return null;
      const { node, keys } = found;
      const counts = pageCounts(db);
      const size = counts.pageCount * counts.pageSize;
      const contents = node[keys.contents];
      const used = node[keys.used];
      // The file may be longer than the database (opened padded: SQLite takes the size from the header).
      if (!(contents instanceof Uint8Array) || typeof used !== 'number' || used < size || used > contents.length) return null;
      const bytes = contents.subarray(0, size);
      return isWholeImage(bytes, counts) ? bytes : null;
    },
  };
}
