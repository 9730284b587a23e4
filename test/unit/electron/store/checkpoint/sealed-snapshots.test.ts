import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExperiment, getExperimentByName } from '../../../../../electron/services/experiments-service';
import { writeNewKeyFile, type KekSource } from '../../../../../electron/store/crypto/keys';
import { MANIFEST_FILE } from '../../../../../electron/store/manifest';
import { StoreOpenError } from '../../../../../electron/store/store-errors';
import { openTestStore, type TestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const MARKER = 'snapshot-marker-9931';

function newKey(): KekSource {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return { kind: 'key-file', path };
}

const snapshotFile = (dir: string) => join(dir, 'snapshots', (JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { snapshot: { file: string } }).snapshot.file);
const snapshotsHold = (dir: string, text: string) => readdirSync(join(dir, 'snapshots')).some((n) => readFileSync(join(dir, 'snapshots', n)).includes(Buffer.from(text)));

async function addExperiments(t: TestStore, names: string[]) {
  for (const name of names) await createExperiment(t.svc, { name, tags: [] });
}

describe('sealed snapshots (encrypted store)', () => {
  for (const [how, opts] of [
    ['by the checkpoint worker', { checkpointWorkerMinBytes: 0 }],
    ['on the main thread', { checkpointWorker: null }],
  ] as const) {
    it(`are written sealed ${how}, and read back (by the main thread and the worker) only with the key`, async () => {
      const dir = tempDir();
      const key = newKey();
      const t = await openTestStore(dir, { key, ...opts });
      await addExperiments(t, [`${MARKER}-1`]);
      await t.store.checkpoint();
      expect(t.store.checkpointsInWorker).toBe(how === 'by the checkpoint worker');
      await addExperiments(t, [`${MARKER}-2`]);
      await t.store.close();
      expect(readFileSync(snapshotFile(dir)).subarray(0, 4).toString('latin1')).toBe('SXE1');
      expect(snapshotsHold(dir, MARKER)).toBe(false);
      expect(snapshotsHold(dir, 'SQLite format 3')).toBe(false);
      // Again: the worker (if any) now starts from the sealed snapshot, and writes the next one.
      const t2 = await openTestStore(dir, { key, ...opts });
      await addExperiments(t2, [`${MARKER}-3`]);
      await t2.store.checkpoint();
      expect(t2.store.checkpointsInWorker).toBe(how === 'by the checkpoint worker');
      expect(t2.logs.join('\n')).not.toMatch(/worker (stopped|failed)|could not start/);
      expect(t2.logs.join('\n')).toMatch(how === 'by the checkpoint worker' ? /checkpoint: snapshot at seq \d+ .*worker export/ : /main thread export/);
      await t2.store.close();
      expect(snapshotsHold(dir, MARKER)).toBe(false);
      const t3 = await openTestStore(dir, { key, checkpointWorker: null });
      for (const i of [1, 2, 3]) expect(getExperimentByName(t3.svc, `${MARKER}-${i}`).name).toBe(`${MARKER}-${i}`);
      await t3.store.close();
    });
  }

  it('a changed byte anywhere in the snapshot is damage: the store refuses to open, naming the snapshot', async () => {
    const dir = tempDir();
    const key = newKey();
    const t = await openTestStore(dir, { key, checkpointWorker: null });
    await addExperiments(t, [`${MARKER}-1`]);
    await t.store.close();
    const path = snapshotFile(dir);
    const good = readFileSync(path);
    for (const at of [2, 40, good.length - 3]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x10;
      writeFileSync(path, bad);
      const err = await openTestStore(dir, { key, checkpointWorker: null }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreOpenError);
      expect((err as Error).message).toContain(`snapshot ${path} is damaged`);
    }
    writeFileSync(path, good);
    const t2 = await openTestStore(dir, { key, checkpointWorker: null });
    expect(getExperimentByName(t2.svc, `${MARKER}-1`).name).toBe(`${MARKER}-1`);
    await t2.store.close();
  });

  it('a plain store keeps plain snapshots', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, { checkpointWorker: null });
    await t.store.close();
    expect(readFileSync(snapshotFile(dir)).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });
});
