import { open, stat } from 'node:fs/promises';
import type { JobProgress } from '../../jobs/job-types';
import { openBundle } from '../bundle/open-bundle';
import { looksLikeBundle } from '../bundle/bundle-header';
import { SourceError, type ImportSource } from './import-source';
import { openMlflowDb } from './mlflow-db/open-mlflow-db';
import { looksLikeMlruns, openMlruns } from './mlruns/open-mlruns';

export interface OpenSourceOptions {
  /** A moved artifact root (--artifacts DIR). */
  artifactsDir?: string;
  /** For an encrypted bundle. */
  passphrase?: string;
  signal?: AbortSignal;
  /** Where a check of the whole source before the import stands (a bundle's verifying pass). */
  progress?(p: Partial<JobProgress>): void;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

async function head(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Opens what `sextant import SOURCE` names, recognised by its content, never its name: a SQLite
 * file (an MLflow database), a Sextant bundle (its magic), or a folder laid out as an MLflow file
 * store. Anything else is refused with a SourceError saying what was found.
 */
export async function openImportSource(path: string, opts: OpenSourceOptions = {}): Promise<ImportSource> {
  const st = await stat(path).catch(() => null);
  if (!st) throw new SourceError(path, 'there is no such file or folder');
  if (st.isDirectory()) {
    if (await looksLikeMlruns(path)) return openMlruns(path, opts.artifactsDir ? { artifactsDir: opts.artifactsDir } : {});
    throw new SourceError(path, 'this folder is not an MLflow file store (no experiment folders with a meta.yaml, no .trash or models/ folder); give the mlruns folder itself');
  }
  if (!st.isFile()) throw new SourceError(path, 'not a file or a folder');
  const bytes = await head(path, 64);
  if (bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return openMlflowDb(path, opts.artifactsDir ? { artifactsDir: opts.artifactsDir } : {});
  if (looksLikeBundle(bytes)) {
    const onVerify = (done: number, total: number) => opts.progress?.({ phase: 'checking the bundle', itemsDone: 0, bytesDone: done, bytesTotal: total });
    const bundle = await openBundle(path, { ...(opts.passphrase ? { passphrase: opts.passphrase } : {}), ...(opts.signal ? { signal: opts.signal } : {}), onVerify });
    opts.progress?.({ bytesDone: 0, bytesTotal: bundle.artifactBytes }); // from here on, bytes are the files the import copies
    return bundle;
  }
  throw new SourceError(path, 'not something Sextant imports: give an MLflow database (mlflow.db, a SQLite file), an MLflow file store folder (mlruns/) or a Sextant bundle');
}
