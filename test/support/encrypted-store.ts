// Encrypted stores for the suites that run on one (issue 12): a key file made the way
// `sextant key generate` makes it (mode 0600), and the proof that a store under test really is
// encrypted, so that a run that silently served a plain store fails.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNewKeyFile } from '../../electron/store/crypto/keys/key-file';
import type { KekSource } from '../../electron/store/crypto/keys/kek-source';

/** What `sextant serve` and the job commands read the key file's path from. */
export const KEY_FILE_ENV = 'SEXTANT_KEY_FILE';

/** The first bytes of every sealed whole file (snapshots): the sealed stream format's magic. */
const SEALED_MAGIC = Buffer.from('SXE1', 'latin1');
/** The first bytes of a plain SQLite database (a plain store's snapshots). */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Writes a new key file `store.key` in `dir` and checks that only its owner can read it. */
export function newKeyFile(dir: string): string {
  const path = join(dir, 'store.key');
  writeNewKeyFile(path);
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && mode !== 0o600) throw new Error(`the key file ${path} has mode ${mode.toString(8)}, not 600`);
  return path;
}

/** The key source a store opened in-process is given for a key file. */
export const keyFileSource = (path: string): KekSource => ({ kind: 'key-file', path });

export interface EncryptedStoreDir {
  /** The store folder (not created: the server creates it encrypted). */
  storeDir: string;
  keyFile: string;
  /** The environment that makes `sextant serve` (and serveOnce) use the key. */
  env: Record<string, string>;
  /** Removes the store and the key. */
  remove(): Promise<void>;
}

/** A temp folder holding a new key file, and the path of a store to be created encrypted with it beside it. */
export async function newEncryptedStoreDir(prefix = 'sextant-encrypted-'): Promise<EncryptedStoreDir> {
  const parent = await mkdtemp(join(tmpdir(), prefix));
  const keyFile = newKeyFile(parent);
  return {
    storeDir: join(parent, 'store'),
    keyFile,
    env: { [KEY_FILE_ENV]: keyFile },
    remove: () => rm(parent, { recursive: true, force: true }),
  };
}

/**
 * Why the store in `dir` is not an encrypted store (empty when it is): store.json must be format
 * 3 with an `encryption` header for a key file, and every snapshot must be sealed (no SQLite
 * database in clear). Read after the server stopped, its closing checkpoint included.
 */
export function encryptedStoreProblems(dir: string): string[] {
  const problems: string[] = [];
  const manifestPath = join(dir, 'store.json');
  if (!existsSync(manifestPath)) return [`${manifestPath} does not exist`];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { format?: unknown; encryption?: { keyKind?: unknown } };
  if (manifest.format !== 3) problems.push(`store.json has format ${String(manifest.format)}, not 3 (an encrypted store)`);
  if (typeof manifest.encryption !== 'object' || manifest.encryption === null) problems.push('store.json has no encryption header');
  else if (manifest.encryption.keyKind !== 'key-file') problems.push(`store.json's encryption header names key kind ${String(manifest.encryption.keyKind)}, not key-file`);
  const snapshots = join(dir, 'snapshots');
  const names = existsSync(snapshots) ? readdirSync(snapshots).filter((n) => n.endsWith('.sqlite')) : [];
  if (!names.length) problems.push('the store has no snapshot to check');
  for (const name of names) {
    const head = readFileSync(join(snapshots, name)).subarray(0, SQLITE_MAGIC.length);
    if (head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) problems.push(`snapshots/${name} is a SQLite database in clear`);
    else if (!head.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC)) problems.push(`snapshots/${name} does not start with the sealed format's magic`);
  }
  return problems;
}

/** The line `sextant serve` prints when it serves an encrypted store. */
export const servingEncryptedLine = (storeDir: string) => `Sextant is serving the encrypted store ${storeDir}`;
