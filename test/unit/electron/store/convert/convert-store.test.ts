import { existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNewKeyFile, StoreKeyError, type KekSource } from '../../../../../electron/store/crypto/keys';
import { ConvertCancelledError, convertStore } from '../../../../../electron/store/convert/convert-store';
import { NotEnoughSpaceError } from '../../../../../electron/store/convert/disk-space';
import { StoreHeldError } from '../../../../../electron/store/convert/store-holder';
import { rekeyStore } from '../../../../../electron/store/convert/store-rekey';
import { Readable } from 'node:stream';
import { artifactStoreOf } from '../../../../../electron/store/artifacts/artifact-store';
import { Store } from '../../../../../electron/store/store';
import { fingerprintStore, MARKER, MARKER_VALUE, seedStore } from '../../../../support/convert-fixture';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

function newKey(): KekSource & { kind: 'key-file' } {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return { kind: 'key-file', path };
}

/** Every file under `dir`, as [relative path, bytes]. */
function filesUnder(dir: string, prefix = ''): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...filesUnder(path, `${prefix}${name}/`));
    else if (st.isFile()) out.push([`${prefix}${name}`, readFileSync(path)]);
  }
  return out;
}

/** Names beside the store (in its parent) other than the store itself. */
const leftovers = (store: string) => readdirSync(dirname(store)).filter((n) => n !== basename(store));

async function seeded(opts: { key?: KekSource } = {}) {
  const dir = join(tempDir(), 'store');
  await seedStore(dir, { ...opts, runs: 3, points: 700 });
  return dir;
}

async function failureOf(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

describe('sextant store encrypt / decrypt (convertStore)', () => {
  it('encrypts a plain store: the same runs, points and artifact bytes, nothing readable on disk, no leftovers; decrypt brings it back', async () => {
    const dir = await seeded();
    const before = await fingerprintStore(dir);
    expect(before).toMatchObject({ runs: 3, encrypted: false });
    expect(before.points).toBe(3 * (700 + 2 + 700));
    const value = Buffer.alloc(8);
    value.writeDoubleLE(MARKER_VALUE);
    // The scan below can fail: the plain store shows both on disk.
    expect(filesUnder(dir).some(([, b]) => b.includes(value))).toBe(true);
    expect(filesUnder(dir).some(([, b]) => b.includes(Buffer.from(MARKER)))).toBe(true);
    const key = newKey();
    const progress: number[] = [];
    const result = await convertStore({ dir, to: 'encrypted', key, onProgress: (p) => progress.push(p.itemsDone) });
    expect(result.changed).toBe(true);
    expect(result.summary).toMatch(/^encrypted store .*: 3 runs, \d+ series files?, 9 artifacts, [\d.]+ MiB in [\d.]+ s$/);
    expect(progress.at(-1)).toBe(result.progress!.itemsTotal);
    expect(leftovers(dir)).toEqual([]);
    const encrypted = await fingerprintStore(dir, key);
    expect(encrypted).toEqual({ ...before, encrypted: true });
    for (const [path, bytes] of filesUnder(dir)) {
      expect(bytes.includes(Buffer.from(MARKER)), path).toBe(false);
      expect(bytes.includes(value), path).toBe(false);
      expect(path.includes(MARKER), path).toBe(false);
    }
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
    await expect(Store.open({ dir, log: () => {} })).rejects.toBeInstanceOf(StoreKeyError);

    const back = await convertStore({ dir, to: 'plain', key });
    expect(back.summary).toMatch(/^decrypted store /);
    expect(leftovers(dir)).toEqual([]);
    expect(await fingerprintStore(dir)).toEqual(before);
  });

  it('says so and changes nothing when the store already is as asked; a wrong key is refused', async () => {
    const key = newKey();
    const dir = await seeded({ key });
    const manifest = readFileSync(join(dir, 'store.json'));
    expect(await convertStore({ dir, to: 'encrypted', key })).toEqual({ changed: false, summary: `store ${dir} is already encrypted with this key; nothing to do` });
    expect((await failureOf(convertStore({ dir, to: 'encrypted', key: newKey() }))).message).toBe(`store ${dir} is already encrypted, with another key; to change its key, use sextant store rekey`);
    expect((await failureOf(convertStore({ dir, to: 'plain', key: newKey() }))).message).toMatch(/does not open store/);
    expect(readFileSync(join(dir, 'store.json'))).toEqual(manifest);
    const plain = await seeded();
    expect(await convertStore({ dir: plain, to: 'plain', key })).toEqual({ changed: false, summary: `store ${plain} is not encrypted; nothing to do` });
  });

  it('refuses, in one sentence, a store another process holds', async () => {
    const dir = await seeded();
    const holder = await Store.open({ dir, log: () => {} });
    try {
      const err = await failureOf(convertStore({ dir, to: 'encrypted', key: newKey() }));
      expect(err).toBeInstanceOf(StoreHeldError);
      expect(err.message).toMatch(new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is open in process ${process.pid} \\(.*\\): stop it, then run this again$`));
      const key = newKey();
      expect(await failureOf(rekeyStore({ dir, from: key, to: newKey() }))).toBeInstanceOf(StoreHeldError);
    } finally {
      await holder.close();
    }
    expect(leftovers(dir)).toEqual([]);
  });

  it('a cancel removes the partial copy and leaves the store as it was', async () => {
    const dir = await seeded();
    const before = await fingerprintStore(dir);
    const cancel = new AbortController();
    const err = await failureOf(
      convertStore({ dir, to: 'encrypted', key: newKey(), signal: cancel.signal, onProgress: (p) => p.itemsDone >= 2 && cancel.abort() }),
    );
    expect(err).toBeInstanceOf(ConvertCancelledError);
    expect(err.message).toBe(`conversion of store ${dir} cancelled; the store is as it was`);
    expect(leftovers(dir)).toEqual([]);
    expect(await fingerprintStore(dir)).toEqual(before);
  });

  it('converts the folder a link points to, beside it, and keeps the link', async () => {
    const dir = await seeded();
    const before = await fingerprintStore(dir);
    const link = join(tempDir(), 'link');
    symlinkSync(dir, link);
    const key = newKey();
    expect((await convertStore({ dir: link, to: 'encrypted', key })).summary).toMatch(new RegExp(`^encrypted store ${dir}: `));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await fingerprintStore(link, key)).toEqual({ ...before, encrypted: true });
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses, before copying anything, an artifact whose name is too long to be sealed, naming it', async () => {
    const dir = await seeded();
    const before = await fingerprintStore(dir);
    const t = await Store.open({ dir, log: () => {} });
    const [exp, run] = t.db.rows('SELECT experiment_id, run_id FROM runs LIMIT 1')[0] as [string, string];
    const long = 'n'.repeat(200);
    await artifactStoreOf(t).write([String(exp), run, 'artifacts', long], Readable.from([Buffer.from('x')]));
    await t.close();
    const progress: unknown[] = [];
    const err = await failureOf(convertStore({ dir, to: 'encrypted', key: newKey(), onProgress: (p) => progress.push(p) }));
    expect(err.message).toMatch(new RegExp(`^store ${dir} holds an artifact the converted store cannot keep, ${exp}/${run}/artifacts/${long}: Invalid artifact path: .* 200 bytes .* Rename or delete it, then run this again[.]$`));
    expect(progress).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
    expect((await fingerprintStore(dir)).artifacts).toBe(before.artifacts + 1);
  });

  it('refuses before writing anything when the copy may not fit on the disk', async () => {
    const dir = await seeded();
    const err = await failureOf(convertStore({ dir, to: 'encrypted', key: newKey(), freeBytes: () => 10 * 1024 * 1024 }));
    expect(err).toBeInstanceOf(NotEnoughSpaceError);
    expect(err.message).toMatch(/^not enough disk space to convert store .*: its converted copy is written beside it first and needs up to [\d,]+ MiB, but .* has 10 MiB free; free some space and run this again$/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a failure right before the swap removes the copy and leaves the store as it was', async () => {
    const dir = await seeded();
    const before = await fingerprintStore(dir);
    const key = newKey();
    // A conversion stopped right before its swap: a complete copy beside the store, no intent.
    await failureOf(convertStore({ dir, to: 'encrypted', key, beforeSwap: () => Promise.reject(new Error('killed')) }));
    expect(leftovers(dir)).toEqual([]); // a failure cleans up after itself
    expect(await fingerprintStore(dir)).toEqual(before);
    expect(existsSync(join(dir, 'store.json'))).toBe(true);
  });
});

describe('sextant store rekey (rekeyStore)', () => {
  it('rewraps the data key: the store opens with the new key only, all data as it was, nothing else rewritten', async () => {
    const oldKey = newKey();
    const dir = await seeded({ key: oldKey });
    const before = await fingerprintStore(dir, oldKey);
    const filesBefore = new Map(filesUnder(dir).filter(([p]) => p !== 'store.json' && !p.startsWith('journal/')));
    const newKeyFile = newKey();
    await rekeyStore({ dir, from: oldKey, to: newKeyFile });
    await expect(Store.open({ dir, key: oldKey, log: () => {} })).rejects.toMatchObject({ code: 'wrong-key' });
    for (const [path, bytes] of filesUnder(dir)) if (filesBefore.has(path)) expect(bytes.equals(filesBefore.get(path)!), path).toBe(true);
    expect(await fingerprintStore(dir, newKeyFile)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses a wrong old key and a plain store, leaving store.json as it was', async () => {
    const key = newKey();
    const dir = await seeded({ key });
    const manifest = readFileSync(join(dir, 'store.json'));
    const other = newKey();
    expect(await failureOf(rekeyStore({ dir, from: other, to: newKey() }))).toMatchObject({ code: 'wrong-key', message: `the key in ${other.path} does not open store ${dir}` });
    expect(readFileSync(join(dir, 'store.json'))).toEqual(manifest);
    const plain = await seeded();
    expect((await failureOf(rekeyStore({ dir: plain, from: key, to: other }))).message).toBe(`store ${plain} is not encrypted, so it has no key to rotate; encrypt it with sextant store encrypt`);
  });
});
