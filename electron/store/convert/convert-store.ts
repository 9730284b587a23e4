import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { artifactStoreOf, createArtifactStore } from '../artifacts/artifact-store';
import type { KekSource } from '../crypto/keys/kek-source';
import { StoreKeyError } from '../crypto/keys/key-errors';
import { createEncryption, unlock } from '../crypto/keys/store-encryption';
import { storeKeys, type StoreKeys } from '../crypto/store-keys';
import { fsyncDir } from '../durable-fs';
import { readManifest, storeFormatOf, writeManifest, type Manifest } from '../manifest';
import { SeriesFiles } from '../series-files';
import { Store } from '../store';
import { StoreOpenError } from '../store-errors';
import { ProgressCounter, type ConvertProgress } from './convert-progress';
import { artifactsOf, checkArtifactsFit, copyArtifacts } from './copy-artifacts';
import { copySeries, seriesWithFiles } from './copy-series';
import { checkSpaceForCopy, freeBytes as statFreeBytes, treeSize } from './disk-space';
import { fsyncTree } from './fsync-tree';
import { seriesDigest, snapshotCounts, type StoreCounts } from './store-counts';
import { copySnapshot } from './snapshot-copy';
import { heldSentence, refuseIfHeld, StoreHeldError, storeIsHeld } from './store-holder';
import { copyDirOf, finishSwap, oldDirOf, removeUnfinishedCopies, writeSwapIntent } from './store-swap';
import { finishInterruptedSwap } from './swap-recovery';

export type ConvertTarget = 'encrypted' | 'plain';

export interface ConvertRequest {
  dir: string;
  /** encrypted: `key` is the new key; plain: `key` is the store's key. */
  to: ConvertTarget;
  key: KekSource;
  /** Cancels: the partial copy is removed and the store is left as it was. */
  signal?: AbortSignal;
  onProgress?: (progress: ConvertProgress) => void;
  /** Lines for the person watching (a swap finished, copies removed). */
  log?: (line: string) => void;
  wasmPath?: string;
  /** Free bytes beside the store (tests). */
  freeBytes?: (dir: string) => number;
  /** Called right before the swap's intent is written (tests: a copy that is complete but not swapped). */
  beforeSwap?: () => Promise<void> | void;
}

export interface ConvertResult {
  /** False when the store already was as asked (nothing was done). */
  changed: boolean;
  summary: string;
  counts?: StoreCounts;
  progress?: ConvertProgress;
}

export class ConvertCancelledError extends Error {
  override name = 'ConvertCancelledError';
}

/**
 * Converts a whole closed store to encrypted or plain: the store is opened with its key (its
 * journal replayed and checkpointed, so the journal is empty), then a copy is written beside it
 * through each file format's own reader and writer (the snapshot, every series file, every
 * artifact with its name; uploads are not carried), opened once to check it, made durable, and
 * swapped in by two renames under an intent file (store-swap.ts). A kill at any moment leaves the
 * old store or the new one: a copy without an intent is removed by the next run, an intent is
 * finished by it. The copy needs the store's size again in free space: checked first.
 */
export async function convertStore(req: ConvertRequest): Promise<ConvertResult> {
  // The real folder: its copy is made beside it (the same file system, so the swap is two renames), not beside a link to it.
  const dir = existsSync(req.dir) ? realpathSync(resolve(req.dir)) : resolve(req.dir);
  const log = req.log ?? (() => {});
  const signal = req.signal ?? new AbortController().signal;
  const started = Date.now();
  const interrupted = await finishInterruptedSwap(dir);
  if (interrupted === 'finished') log(`finished the swap of a conversion of ${dir} that was interrupted`);
  if (interrupted === 'rolled-back') log(`removed the copy of a conversion of ${dir} that was interrupted: the store was written to since`);
  const manifest = readManifest(dir);
  if (!manifest) throw new StoreOpenError(`${dir} is not a Sextant store (it has no store.json)`);
  const already = await alreadyAsAsked(dir, manifest, req);
  if (already) return { changed: false, summary: already };
  await refuseIfHeld(dir);
  const parent = dirname(dir);
  checkSpaceForCopy(dir, parent, treeSize(dir), (req.freeBytes ?? statFreeBytes)(parent));

  const store = await openOldStore(dir, req);
  let storeOpen = true;
  const closeStore = async () => {
    if (!storeOpen) return;
    storeOpen = false;
    await store.close();
  };
  const id = randomUUID().slice(0, 8);
  const copyDir = copyDirOf(dir, id);
  let swapping = false;
  try {
    await store.checkpoint(); // everything in the snapshot: the journal holds nothing more
    const removed = removeUnfinishedCopies(dir);
    if (removed.length) log(`removed what an unfinished conversion left: ${removed.join(', ')}`);
    const { counts, progress } = await writeCopy(store, dir, copyDir, req, signal);
    await req.beforeSwap?.();
    signal.throwIfAborted(); // the last moment a cancel is taken: from the intent on, the swap goes forward
    const intent = writeSwapIntent(dir, copyDir, oldDirOf(dir, id), req.to, readManifest(dir)?.snapshot ?? undefined);
    swapping = true;
    const swapped = await finishSwap(dir, intent, {
      afterStoreMoved: () => closeStore().catch((err: Error) => log(`closing the old store: ${err.message}`)),
    }).catch(async (err: NodeJS.ErrnoException) => {
      // Windows does not rename a folder with open files: close the store, then finish under its lock
      // (a store written to in between is kept and the copy removed; one held is left for its next open).
      if (!storeOpen || !['EPERM', 'EBUSY', 'EACCES'].includes(err.code ?? '')) throw err;
      await closeStore();
      return finishInterruptedSwap(dir);
    });
    // 'none': another process (an open) took the swap over meanwhile; what it did shows in store.json.
    if (swapped === 'rolled-back' || (swapped === 'none' && (readManifest(dir)?.encryption !== undefined) !== (req.to === 'encrypted'))) throw new Error(`store ${dir} changed while it was being converted; the store is as it was: run this again`);
    const what = req.to === 'encrypted' ? 'encrypted' : 'decrypted';
    return { changed: true, summary: `${what} store ${dir}: ${summaryOf(counts, progress, Date.now() - started)}`, counts, progress };
  } catch (err) {
    if (!swapping) rmSync(copyDir, { recursive: true, force: true });
    if (signal.aborted && !swapping) throw new ConvertCancelledError(`conversion of store ${dir} cancelled; the store is as it was`);
    throw err;
  } finally {
    await closeStore();
  }
}

/** The sentence when the store already is as asked (after checking the key opens it), else null. */
async function alreadyAsAsked(dir: string, manifest: Manifest, req: ConvertRequest): Promise<string | null> {
  if (req.to === 'plain') return manifest.encryption ? null : `store ${dir} is not encrypted; nothing to do`;
  if (!manifest.encryption) return null;
  try {
    (await unlock({ header: manifest.encryption, storeId: manifest.storeId, storeDir: dir }, req.key)).dispose();
  } catch (err) {
    if (!(err instanceof StoreKeyError) || (err.code !== 'wrong-key' && err.code !== 'key-missing')) throw err;
    throw new StoreOpenError(`store ${dir} is already encrypted, with another key; to change its key, use sextant store rekey`);
  }
  return `store ${dir} is already encrypted with this key; nothing to do`;
}

async function openOldStore(dir: string, req: ConvertRequest): Promise<Store> {
  try {
    return await Store.open({ dir, ...(req.to === 'plain' ? { key: req.key } : {}), wasmPath: req.wasmPath, log: () => {} });
  } catch (err) {
    if (err instanceof StoreOpenError && !(err instanceof StoreHeldError) && (await storeIsHeld(dir))) throw new StoreHeldError(heldSentence(dir));
    throw err;
  }
}

/** Writes the converted copy of the open store into `copyDir`, checks it opens and holds the same, makes it durable. */
async function writeCopy(store: Store, dir: string, copyDir: string, req: ConvertRequest, signal: AbortSignal) {
  const manifest = readManifest(dir)!; // as the checkpoint left it
  if (!manifest.snapshot) throw new StoreOpenError(`store ${dir} has no snapshot after its checkpoint`);
  for (const sub of ['', 'snapshots', 'journal', 'series', 'artifacts', 'uploads']) mkdirSync(join(copyDir, sub), { recursive: true });
  let keys: StoreKeys | null = null;
  let header: Manifest['encryption'];
  if (req.to === 'encrypted') {
    const created = await createEncryption({ storeId: manifest.storeId, storeDir: dir }, req.key);
    keys = storeKeys(created.dek);
    header = created.header;
  }
  try {
    const fromArtifacts = artifactStoreOf(store);
    const series = seriesWithFiles(store.db);
    const artifacts = await artifactsOf(fromArtifacts);
    const items = 1 + series.length + artifacts.length;
    const bytes = manifest.snapshot.bytes + series.reduce((n, s) => n + s.points * 24, 0) + artifacts.reduce((n, a) => n + a.size, 0);
    const toArtifacts = createArtifactStore({ artifactsDir: join(copyDir, 'artifacts'), uploadsDir: join(copyDir, 'uploads') }, keys);
    checkArtifactsFit(artifacts, toArtifacts, dir);
    const progress = new ProgressCounter({ items, bytes }, req.onProgress);
    progress.phase('copying the metadata snapshot');
    const snapshot = copySnapshot({ dir, snapshot: manifest.snapshot, keys: store.keys }, { dir: copyDir, keys });
    progress.bytes(snapshot.bytes);
    progress.item('snapshot');
    const toSeries = new SeriesFiles(join(copyDir, 'series'), keys); // sealed with the copy's keys, as Store.open reads them
    try {
      await copySeries({ list: series, from: { index: store.ctx.series, files: store.ctx.files }, to: toSeries, progress, signal });
    } finally {
      toSeries.close();
    }
    await copyArtifacts({ list: artifacts, from: fromArtifacts, to: toArtifacts, progress, signal });
    const encryption = header ? { encryption: header } : {};
    writeManifest(copyDir, { format: storeFormatOf(encryption), storeId: manifest.storeId, createdAt: manifest.createdAt, snapshot, ...encryption });
    progress.phase('checking the converted copy');
    const expected = { counts: snapshotCounts(store.db, series.length, artifacts.length), points: seriesDigest(store) };
    const counts = await checkCopy(copyDir, req, expected);
    progress.phase('making the copy durable');
    rmSync(join(copyDir, 'lock'), { force: true });
    fsyncTree(copyDir);
    fsyncDir(dirname(copyDir));
    return { counts, progress: progress.now };
  } finally {
    keys?.dispose();
  }
}

/**
 * Opens the copy with the key it now needs (none for a plain one) and compares what it holds with
 * the store's: counts, and every metric point (read back through the copy's own reader).
 */
async function checkCopy(copyDir: string, req: ConvertRequest, expected: { counts: StoreCounts; points: string }): Promise<StoreCounts> {
  const copy = await Store.open({ dir: copyDir, ...(req.to === 'encrypted' ? { key: req.key } : {}), wasmPath: req.wasmPath, log: () => {}, checkpointWorker: null });
  try {
    const artifacts = (await artifactsOf(artifactStoreOf(copy))).length;
    const got = snapshotCounts(copy.db, seriesWithFiles(copy.db).length, artifacts);
    for (const k of Object.keys(expected.counts) as (keyof StoreCounts)[]) {
      if (got[k] !== expected.counts[k]) throw new Error(`the converted copy ${copyDir} holds ${got[k]} ${k}, the store ${expected.counts[k]}; the store is left as it was`);
    }
    if (seriesDigest(copy) !== expected.points) throw new Error(`the converted copy ${copyDir} does not read back the store's metric points; the store is left as it was`);
    return got;
  } finally {
    await copy.close();
  }
}

const plural = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

function summaryOf(c: StoreCounts, p: ConvertProgress, ms: number): string {
  const mib = p.bytesDone / (1024 * 1024);
  return `${plural(c.runs, 'run')}, ${plural(c.seriesFiles, 'series file')}, ${plural(c.artifacts, 'artifact')}, ${mib < 10 ? mib.toFixed(1) : Math.round(mib)} MiB in ${(ms / 1000).toFixed(1)} s`;
}
