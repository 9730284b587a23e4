import { existsSync } from 'node:fs';
import { readStoredFileSync } from './stored-file';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably, writeFileDurablyAsync } from './durable-fs';
import { StoreOpenError } from './store-errors';

/**
 * The store format this build reads and writes. Bump it with a migration path. 2: small metric
 * histories live in their `series` row (`inline_pts`), which older builds would read as files.
 * A format-1 store opens (migration 010) and is marked 2 by its first checkpoint.
 */
export const STORE_FORMAT = 2;
export const MANIFEST_FILE = 'store.json';

const Manifest = z.object({
  format: z.number().int(),
  storeId: z.string(),
  createdAt: z.number(),
  /** The current snapshot: a file under snapshots/, the last journal seq it contains, and its crc32. */
  snapshot: z.object({ file: z.string().regex(/^[0-9]{16}\.sqlite$/), seq: z.number().int().nonnegative(), crc32: z.number().int(), bytes: z.number().int() }).nullable(),
});
export type Manifest = z.infer<typeof Manifest>;

export function readManifest(dir: string): Manifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readStoredFileSync(path).toString('utf8'));
  } catch (err) {
    throw new StoreOpenError(`${path} is not valid JSON (${(err as Error).message}); is this a Sextant store?`);
  }
  const format = (raw as { format?: unknown })?.format;
  if (typeof format === 'number' && format > STORE_FORMAT) {
    throw new StoreOpenError(`${dir} was written by a newer Sextant (store format ${format}); this version reads format ${STORE_FORMAT}. Upgrade Sextant to open it.`);
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw new StoreOpenError(`${path} is not a Sextant store manifest: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileDurably(join(dir, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
}

/** writeManifest without blocking the event loop. */
export function writeManifestAsync(dir: string, manifest: Manifest): Promise<void> {
  return writeFileDurablyAsync(join(dir, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
}
