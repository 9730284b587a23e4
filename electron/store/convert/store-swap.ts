import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { fsyncDir, writeFileDurably } from '../durable-fs';
import { StoreOpenError } from '../store-errors';
import { storeChangedSince, type SnapshotRef } from './store-unchanged';

/**
 * The crash-safe swap of a store folder for its converted copy (encrypt, decrypt). The copy is
 * written beside the store, `<store>.sextant-convert-<id>`, and made durable; only then is the
 * intent written (durably) into the parent: `.<store>.sextant-swap.json`. Then two renames:
 * the store to `<store>.sextant-old-<id>`, the copy to the store's name; then the old folder and
 * the intent are removed. The folders that exist say how far a swap got, so whoever finds an
 * intent (the next run of the command, or the next open) finishes it: the copy named by an
 * intent is always complete, so a swap only ever goes forward. A copy no intent names is a
 * conversion that never finished: it is removed, and the store it was made from is untouched.
 */

const SwapIntent = z.object({
  version: z.literal(1),
  /** The store folder's name (in the intent's folder). */
  store: z.string(),
  /** The complete converted copy's name. */
  copy: z.string(),
  /** Where the store goes before the copy takes its name. */
  old: z.string(),
  /** What the copy is, for messages. */
  to: z.enum(['encrypted', 'plain']),
  createdAt: z.number(),
  /** The store's snapshot the copy was made from: a store changed since (opened and written before the swap) is not swapped. */
  snapshot: z.object({ file: z.string(), seq: z.number(), crc32: z.number() }).optional(),
});
export type SwapIntent = z.infer<typeof SwapIntent>;

const COPY_INFIX = '.sextant-convert-';
const OLD_INFIX = '.sextant-old-';

export const intentPath = (storeDir: string) => join(dirname(storeDir), `.${basename(storeDir)}.sextant-swap.json`);
export const copyDirOf = (storeDir: string, id: string) => `${storeDir}${COPY_INFIX}${id}`;
export const oldDirOf = (storeDir: string, id: string) => `${storeDir}${OLD_INFIX}${id}`;

/** Writes the intent for swapping `storeDir` with `copyDir` (durably): from here on the swap goes forward. */
export function writeSwapIntent(storeDir: string, copyDir: string, oldDir: string, to: SwapIntent['to'], snapshot?: SnapshotRef): SwapIntent {
  const intent: SwapIntent = { version: 1, store: basename(storeDir), copy: basename(copyDir), old: basename(oldDir), to, createdAt: Date.now(), ...(snapshot ? { snapshot: { file: snapshot.file, seq: snapshot.seq, crc32: snapshot.crc32 } } : {}) };
  writeFileDurably(intentPath(storeDir), Buffer.from(JSON.stringify(intent, null, 2) + '\n'));
  return intent;
}

/** The intent left for `storeDir`, or null. A torn or foreign intent file is refused, never guessed at. */
export function readSwapIntent(storeDir: string): SwapIntent | null {
  const path = intentPath(storeDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let parsed: ReturnType<typeof SwapIntent.safeParse>;
  try {
    parsed = SwapIntent.safeParse(JSON.parse(text));
  } catch {
    parsed = SwapIntent.safeParse(null);
  }
  if (!parsed.success || parsed.data.store !== basename(storeDir)) {
    throw new StoreOpenError(`${path} (an unfinished conversion of store ${storeDir}) cannot be read; look at the folders beside the store before removing it`);
  }
  return parsed.data;
}

export interface SwapSteps {
  /** Called right after the store was moved aside (the convert command closes its old store there). */
  afterStoreMoved?: () => Promise<void> | void;
}

/**
 * Finishes the swap an intent describes, from wherever it stopped. Idempotent: each step looks
 * at the folders first, and a step another process made meanwhile counts as made.
 * The caller must hold the store's lock while the store is still at its name (so no writer can
 * have it open when it is moved aside).
 * The one way back: when the store is still at its name but was changed since the copy was made
 * (an open that knew nothing of the intent, after a kill right after it was written), the copy
 * would lose those writes: it is removed instead, and the store kept as it is ('rolled-back').
 */
export async function finishSwap(storeDir: string, intent: SwapIntent, steps: SwapSteps = {}): Promise<'finished' | 'rolled-back'> {
  const parent = dirname(storeDir);
  const copy = join(parent, intent.copy);
  const old = join(parent, intent.old);
  if (existsSync(copy) && !existsSync(old) && existsSync(storeDir) && intent.snapshot && storeChangedSince(storeDir, intent.snapshot)) {
    rmSync(copy, { recursive: true, force: true });
    rmSync(intentPath(storeDir), { force: true });
    fsyncDir(parent);
    return 'rolled-back';
  }
  if (existsSync(copy) && !existsSync(old) && existsSync(storeDir)) {
    renameSync(storeDir, old);
    fsyncDir(parent);
    await steps.afterStoreMoved?.();
  }
  if (existsSync(copy)) {
    if (existsSync(storeDir)) {
      // Something made a folder at the store's name between the renames (an open that found it
      // missing makes empty folders): nothing is in it, so it goes; anything else is not ours.
      if (!isEmptySkeleton(storeDir)) {
        throw new StoreOpenError(
          `a conversion of store ${storeDir} stopped half way, and meanwhile a new store was made at its name: the converted store is ${copy}, the old one ${old}; move the new one away, then run the command again`,
        );
      }
      rmSync(storeDir, { recursive: true, force: true });
    }
    renameSync(copy, storeDir);
    fsyncDir(parent);
  }
  if (!existsSync(storeDir)) {
    throw new StoreOpenError(`a conversion of store ${storeDir} stopped half way and its converted copy ${copy} is gone; the old store is ${old}`);
  }
  rmSync(old, { recursive: true, force: true });
  rmSync(intentPath(storeDir), { force: true });
  fsyncDir(parent);
  return 'finished';
}

/** A folder holding only folders (and lock files): what an open that found no store leaves. */
function isEmptySkeleton(dir: string): boolean {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isDirectory()) {
      if (!isEmptySkeleton(path)) return false;
    } else if (name !== 'lock' && name !== 'lock.sock') return false;
  }
  return true;
}

/**
 * Removes what conversions that stopped before their swap left beside the store: copies no
 * intent names, and intent files a kill cut short while they were written (a temp file, never
 * renamed into place). Only while holding the store's lock: a conversion writing them holds it.
 */
export function removeUnfinishedCopies(storeDir: string): string[] {
  const parent = dirname(storeDir);
  const prefix = `${basename(storeDir)}${COPY_INFIX}`;
  const tempIntent = `${basename(intentPath(storeDir))}.tmp-`;
  const intent = readSwapIntent(storeDir);
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!(name.startsWith(prefix) && name !== intent?.copy) && !name.startsWith(tempIntent)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  if (removed.length) fsyncDir(parent);
  return removed;
}
