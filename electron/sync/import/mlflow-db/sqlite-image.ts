import { open, stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { SourceError } from '../import-source';

const HEADER = 'SQLite format 3\0';
/** sql.js holds the whole file in memory (measured: peak RSS 1.13 GB reading a 1 GB file); at most 2 GiB, so file offsets stay within 31 bits (measured up to 1 GB). */
export const DEFAULT_MAX_DB_BYTES = 2 * 1024 ** 3;
const PEAK_PER_BYTE = 1.3;

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(0)} MB`;

/**
 * The bytes of an SQLite database file, read whole (sql.js opens images, not paths), after the
 * checks that can refuse it before anything is read into SQLite: a regular file, small enough,
 * the SQLite header, not shorter than its header says, and no unfinished write beside it (a
 * `-wal` with content or a hot `-journal`, which only a writer may resolve). The file is opened
 * read-only; a WAL-mode header is switched to rollback mode in the copy only.
 */
export async function readSqliteImage(path: string, label: string, maxBytes = DEFAULT_MAX_DB_BYTES): Promise<Uint8Array> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new SourceError(label, `cannot be read (${err.code ?? err.message})`);
  });
  if (!info.isFile()) throw new SourceError(label, 'is not a file');
  if (info.size > maxBytes) {
    throw new SourceError(label, `is ${mb(info.size)}, more than the ${mb(maxBytes)} an mlflow.db import reads (sql.js holds the whole database in memory); move some experiments to another database first (mlflow-export-import), or import the runs through an mlflow server with sextant pull`);
  }
  if (info.size * PEAK_PER_BYTE > totalmem()) {
    throw new SourceError(label, `is ${mb(info.size)}: reading it takes about ${mb(info.size * PEAK_PER_BYTE)} of memory (sql.js holds the database in memory) and this machine has ${mb(totalmem())}`);
  }
  if (info.size < 100) throw new SourceError(label, 'is not an SQLite database (too short)');
  await refuseUnfinishedWrite(path, label);
  const image = await readWhole(path, info.size);
  if (Buffer.from(image.buffer, image.byteOffset, 16).toString('latin1') !== HEADER) {
    throw new SourceError(label, 'is not an SQLite database (no SQLite header)');
  }
  checkDeclaredSize(image, label);
  if (image[18] === 2 || image[19] === 2) {
    image[18] = 1;
    image[19] = 1;
  }
  return image;
}

async function refuseUnfinishedWrite(path: string, label: string): Promise<void> {
  for (const [suffix, what] of [['-wal', 'a write-ahead log'], ['-journal', 'a rollback journal']] as const) {
    const size = await stat(path + suffix).then((s) => s.size, () => 0);
    if (size > 0) {
      throw new SourceError(label, `has ${what} beside it (${path}${suffix}): a writer (MLflow) is using it or was interrupted; stop MLflow, let it finish (any MLflow command on the database resolves it), then import`);
    }
  }
}

async function readWhole(path: string, size: number): Promise<Uint8Array> {
  const image = new Uint8Array(size);
  const fh = await open(path, 'r');
  try {
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(image, at, Math.min(size - at, 64 * 1024 ** 2), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? image : image.subarray(0, at);
  } finally {
    await fh.close();
  }
}

/** SQLite ≥ 3.7 records the page count in the header; a shorter file was cut off (a partial copy). */
function checkDeclaredSize(image: Uint8Array, label: string): void {
  const view = new DataView(image.buffer, image.byteOffset, 100);
  const rawPage = view.getUint16(16);
  const pageSize = rawPage === 1 ? 65536 : rawPage;
  const pages = view.getUint32(28);
  const validFor = view.getUint32(92);
  const changeCounter = view.getUint32(24);
  if (pages === 0 || validFor !== changeCounter) return;
  if (image.byteLength < pages * pageSize) {
    throw new SourceError(label, `is truncated: ${image.byteLength} bytes where its header declares ${pages * pageSize} (an incomplete copy?)`);
  }
}
