import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExperiment, getExperiment } from '../../../../electron/services/experiments-service';
import { writeNewKeyFile, StoreKeyError, type KekSource } from '../../../../electron/store/crypto/keys';
import { ENCRYPTED_STORE_FORMAT, MANIFEST_FILE, STORE_FORMAT } from '../../../../electron/store/manifest';
import { StoreOpenError } from '../../../../electron/store/store-errors';
import { crash, openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const MARKER = 'zebra-marker-4417';

function newKey(): KekSource & { kind: 'key-file' } {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return { kind: 'key-file', path };
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Record<string, unknown> & { format: number; encryption?: Record<string, unknown> };
const journalBytes = (dir: string) => Buffer.concat(readdirSync(join(dir, 'journal')).map((n) => readFileSync(join(dir, 'journal', n))));

async function refusal(promise: Promise<unknown>): Promise<StoreOpenError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreOpenError);
  return err as StoreOpenError;
}

describe('Store.open with a key (issue 12)', () => {
  it('creates a new store encrypted (format 3, key header), seals its journal, and opens again only with that key', async () => {
    const dir = tempDir();
    const key = newKey();
    const t = await openTestStore(dir, { key });
    expect(t.store.keys).not.toBeNull();
    const m = manifestOf(dir);
    expect(m.format).toBe(ENCRYPTED_STORE_FORMAT);
    expect(m.encryption).toMatchObject({ version: 1, cipher: 'aes-256-gcm', keyKind: 'key-file' });
    const exp = await createExperiment(t.svc, { name: MARKER, tags: [] });
    expect(journalBytes(dir).includes(Buffer.from(MARKER))).toBe(false);
    await crash(t); // the experiment lives in the journal only
    const t2 = await openTestStore(dir, { key });
    expect(t2.logs.join('\n')).toMatch(/replayed 1 operations/);
    expect(getExperiment(t2.svc, exp).name).toBe(MARKER);
    await t2.store.close();
    expect(manifestOf(dir)).toMatchObject({ format: ENCRYPTED_STORE_FORMAT, encryption: m.encryption }); // the checkpoint kept the header
    const t3 = await openTestStore(dir, { key });
    expect(getExperiment(t3.svc, exp).name).toBe(MARKER);
    await t3.store.close();
  });

  it('a plain store stays format 2 with no key header and no keys', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    expect(t.store.keys).toBeNull();
    await t.store.close();
    expect(manifestOf(dir).format).toBe(STORE_FORMAT);
    expect(manifestOf(dir).encryption).toBeUndefined();
  });

  it('refuses an encrypted store without a key, with a wrong key, or with a damaged key header, in one sentence naming the store; the key then opens it', async () => {
    const dir = tempDir();
    const key = newKey();
    const t = await openTestStore(dir, { key });
    const exp = await createExperiment(t.svc, { name: 'kept', tags: [] });
    await t.store.close();

    const none = await refusal(openTestStore(dir));
    expect(none).toBeInstanceOf(StoreKeyError);
    expect((none as StoreKeyError).code).toBe('key-missing');
    expect(none.message).toBe(`store ${dir} is encrypted with a key file; pass --key-file FILE`);

    const other = newKey();
    const wrong = await refusal(openTestStore(dir, { key: other }));
    expect((wrong as StoreKeyError).code).toBe('wrong-key');
    expect(wrong.message).toBe(`the key in ${other.path} does not open store ${dir}`);

    const good = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    const m = JSON.parse(good) as { encryption: { wrappedKey: string } };
    const w = Buffer.from(m.encryption.wrappedKey, 'base64');
    w[20]! ^= 0x04;
    m.encryption.wrappedKey = w.toString('base64');
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(m));
    const damaged = await refusal(openTestStore(dir, { key }));
    expect((damaged as StoreKeyError).code).toBe('key-header-damaged');
    expect(damaged.message).toContain(`store ${dir}'s key header is damaged`);

    // Nothing of it leaks the key (the file's hex is the key itself).
    const hex = readFileSync(key.path, 'utf8').trim();
    for (const e of [none, wrong, damaged]) expect(`${e.message} ${e.stack}`).not.toContain(hex);

    writeFileSync(join(dir, MANIFEST_FILE), good); // the refusals changed nothing and left the lock free
    const t2 = await openTestStore(dir, { key });
    expect(getExperiment(t2.svc, exp).name).toBe('kept');
    await t2.store.close();
  });

  it('refuses a key given to a plain store, and leaves the store as it was', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    await t.store.close();
    const before = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    const err = await refusal(openTestStore(dir, { key: newKey() }));
    expect(err.message).toBe(`store ${dir} is not encrypted and opens without a key (to encrypt it, run sextant store encrypt --store DIR --key-file FILE)`);
    expect(readFileSync(join(dir, MANIFEST_FILE), 'utf8')).toBe(before);
  });

  it('refuses to create an encrypted store without a key, or a plain one given a key; nothing is created', async () => {
    const a = tempDir();
    expect((await refusal(openTestStore(a, { encrypt: true }))).message).toBe(`store ${a} cannot be created encrypted without a key; pass --key-file FILE`);
    expect(existsSync(join(a, MANIFEST_FILE))).toBe(false);
    const b = tempDir();
    expect((await refusal(openTestStore(b, { encrypt: false, key: newKey() }))).message).toMatch(/asked to be created unencrypted yet given a key/);
    expect(existsSync(join(b, MANIFEST_FILE))).toBe(false);
  });

  it('refuses a manifest that says encrypted without a header, or has a header and an older format', async () => {
    const dir = tempDir();
    const key = newKey();
    const t = await openTestStore(dir, { key });
    await t.store.close();
    const m = manifestOf(dir);
    const { encryption, ...plain } = m;
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(plain));
    expect((await refusal(openTestStore(dir, { key }))).message).toMatch(/says it is encrypted \(format 3\) but has no key header/);
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ ...m, encryption, format: 2 }));
    expect((await refusal(openTestStore(dir, { key }))).message).toMatch(/has a key header but says format 2/);
  });

  it('disposes of the keys when the store closes', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, { key: newKey() });
    const keys = t.store.keys!;
    expect(keys.journal('0000000000000001.log')).toHaveLength(32);
    await t.store.close();
    expect(() => keys.journal('0000000000000001.log')).toThrow();
  });
});
