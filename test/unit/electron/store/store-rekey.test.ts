import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExperiment, getExperimentByName } from '../../../../electron/services/experiments-service';
import { writeNewKeyFile, type KekSource, type StoreKeyError } from '../../../../electron/store/crypto/keys';
import { MANIFEST_FILE } from '../../../../electron/store/manifest';
import { StoreOpenError } from '../../../../electron/store/store-errors';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function newKey(): KekSource {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return { kind: 'key-file', path };
}
const header = (dir: string) => (JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { encryption: { keyId: string; keyKind: string } }).encryption;
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);

describe('Store#rekey (an open encrypted store)', () => {
  it('rewraps the data key under the new key, in turn with a checkpoint; the old key then no longer opens the store', async () => {
    const dir = tempDir();
    const [a, b] = [newKey(), newKey()];
    const t = await openTestStore(dir, { key: a, checkpointWorker: null });
    await createExperiment(t.svc, { name: 'before', tags: [] });
    const before = header(dir);
    await Promise.all([t.store.rekey(a, b), t.store.checkpoint()]); // neither write undoes the other
    await createExperiment(t.svc, { name: 'after', tags: [] });
    await t.store.close();
    expect(header(dir).keyId).not.toBe(before.keyId);
    expect(((await failure(openTestStore(dir, { key: a }))) as StoreKeyError).code).toBe('wrong-key');
    const t2 = await openTestStore(dir, { key: b });
    for (const name of ['before', 'after']) expect(getExperimentByName(t2.svc, name).name).toBe(name);
    await t2.store.close();
  });

  it('rotates to a passphrase too', async () => {
    const dir = tempDir();
    const a = newKey();
    const p: KekSource = { kind: 'passphrase', passphrase: 'correct horse', scrypt: { N: 1024, r: 8, p: 1 } };
    const t = await openTestStore(dir, { key: a });
    await t.store.rekey(a, p);
    await t.store.close();
    expect(header(dir).keyKind).toBe('passphrase');
    const t2 = await openTestStore(dir, { key: p });
    await t2.store.close();
  });

  it('refuses without the current key, leaving store.json and the store as they were', async () => {
    const dir = tempDir();
    const a = newKey();
    const t = await openTestStore(dir, { key: a });
    const before = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    const err = await failure(t.store.rekey(newKey(), newKey()));
    expect((err as StoreKeyError).code).toBe('wrong-key');
    expect(readFileSync(join(dir, MANIFEST_FILE), 'utf8')).toBe(before);
    await createExperiment(t.svc, { name: 'still writable', tags: [] });
    await t.store.close();
    const t2 = await openTestStore(dir, { key: a });
    expect(getExperimentByName(t2.svc, 'still writable').name).toBe('still writable');
    await t2.store.close();
  });

  it('refuses a plain store, and a closed one', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir);
    const err = await failure(t.store.rekey(newKey(), newKey()));
    expect(err).toBeInstanceOf(StoreOpenError);
    expect(err!.message).toBe(`store ${dir} is not encrypted, so it has no key to rotate; encrypt it with sextant store encrypt`);
    await t.store.close();
    expect((await failure(t.store.rekey(newKey(), newKey())))!.message).toBe('the store is closed');
  });
});
