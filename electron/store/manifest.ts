import { existsSync } from 'node:fs';
import { readStoredFileSync } from './stored-file';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably, writeFileDurablyAsync } from './durable-fs';
import { EncryptionHeader, parseEncryptionHeader } from './crypto/keys/encryption-header';
import { StoreOpenError } from './store-errors';

/**
 * The store format this build writes for a plain store. Bump it with a migration path. 2: small
 * metric histories live in their `series` row (`inline_pts`), which older builds would read as
 * files. A format-1 store opens (migration 010) and is marked 2 by its first checkpoint.
 */
export const STORE_FORMAT = 2;
/**
 * The format of an encrypted store (issue 12): format 2 plus the `encryption` key header and
 * sealed files. It is a number of its own so that a build from before encryption refuses the
 * store ("written by a newer Sextant") instead of opening it, failing on its sealed files and,
 * worse, rewriting store.json without the header it does not know (its schema drops unknown
 * fields): that would lose the wrapped data key, and with it every byte of the store. A plain
 * store stays format 2, which every build since format 2 reads: nothing in it changed.
 */
export const ENCRYPTED_STORE_FORMAT = 3;
/** The newest format this build reads. */
export const NEWEST_STORE_FORMAT = ENCRYPTED_STORE_FORMAT;
export const MANIFEST_FILE = 'store.json';

const Manifest = z.object({
  format: z.number().int(),
  storeId: z.string(),
  createdAt: z.number(),
  /** The current snapshot: a file under snapshots/, the last journal seq it contains, and its crc32. */
  snapshot: z.object({ file: z.string().regex(/^[0-9]{16}\.sqlite$/), seq: z.number().int().nonnegative(), crc32: z.number().int(), bytes: z.number().int() }).nullable(),
  /** An encrypted store's key header (crypto/keys/encryption-header.ts): what opening it needs, nothing more. */
  encryption: EncryptionHeader.optional(),
});
export type Manifest = z.infer<typeof Manifest>;

/** The format a manifest is written with: encrypted stores are format 3, plain ones 2. */
export const storeFormatOf = (manifest: Pick<Manifest, 'encryption'>): number => (manifest.encryption ? ENCRYPTED_STORE_FORMAT : STORE_FORMAT);

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
  if (typeof format === 'number' && format > NEWEST_STORE_FORMAT) {
    throw new StoreOpenError(`${dir} was written by a newer Sextant (store format ${format}); this version reads formats up to ${NEWEST_STORE_FORMAT}. Upgrade Sextant to open it.`);
  }
  // The key header first: its damage is reported as such (StoreKeyError naming the store), not as a bad manifest.
  const encryption = (raw as { encryption?: unknown } | null)?.encryption;
  if (encryption !== undefined) parseEncryptionHeader(encryption, dir);
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw new StoreOpenError(`${path} is not a Sextant store manifest: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const manifest = parsed.data;
  if (manifest.format === ENCRYPTED_STORE_FORMAT && !manifest.encryption) {
    throw new StoreOpenError(`store ${dir}'s store.json says it is encrypted (format ${ENCRYPTED_STORE_FORMAT}) but has no key header; restore store.json from a backup`);
  }
  if (manifest.encryption && manifest.format !== ENCRYPTED_STORE_FORMAT) {
    throw new StoreOpenError(`store ${dir}'s store.json has a key header but says format ${manifest.format}, not ${ENCRYPTED_STORE_FORMAT}; restore store.json from a backup`);
  }
  return manifest;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileDurably(join(dir, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
}

/** writeManifest without blocking the event loop. */
export function writeManifestAsync(dir: string, manifest: Manifest): Promise<void> {
  return writeFileDurablyAsync(join(dir, MANIFEST_FILE), Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
}
