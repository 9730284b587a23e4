import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeCommand, type StoreCommandIo } from '../../../../electron/cli-commands/store-command';
import { prepareJobHost } from '../../../../electron/jobs/job-host';
import { JobRunner } from '../../../../electron/jobs/job-runner';
import type { JobHandlers } from '../../../../electron/jobs/job-types';
import { createExperiment } from '../../../../electron/services/experiments-service';
import { rekeyJobHandlers } from '../../../../electron/store/convert/rekey-job';
import { writeNewKeyFile, type KekSource } from '../../../../electron/store/crypto/keys';
import { fingerprintStore } from '../../../support/convert-fixture';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function newKey(): KekSource & { kind: 'key-file' } {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return { kind: 'key-file', path };
}

function capture() {
  const out: string[] = [];
  let err = '';
  const io: StoreCommandIo = { out: (l) => out.push(l), err: { isTTY: false, write: (t: string) => (err += t) }, onInterrupt: () => () => {} };
  return { io, out, err: () => err };
}

/** A store held open by a job host in this process, as `sextant serve` holds it. */
async function holder(dir: string, key: KekSource, handlers: (store: Awaited<ReturnType<typeof openTestStore>>['store']) => JobHandlers) {
  const host = prepareJobHost({ pid: process.pid, kind: 'serve' });
  const t = await openTestStore(dir, { key, onLockConnection: host.onConnection });
  const runner = new JobRunner({ handlers: handlers(t.store), log: () => {} });
  host.attach(runner);
  return {
    t,
    async close() {
      await runner.close({ cancel: false });
      await t.store.close();
    },
  };
}

describe('sextant store rekey while the app or sextant serve holds the store', () => {
  it('is handed to the holder, which rotates its open store\'s key; writes go on; then only the new key opens it', async () => {
    const dir = join(tempDir(), 'store');
    const [k1, k2] = [newKey(), newKey()];
    const h = await holder(dir, k1, (store) => rekeyJobHandlers({ store }));
    await createExperiment(h.t.svc, { name: 'before', tags: [] });
    const c = capture();
    expect(await storeCommand(['rekey', '--store', dir, '--key-file', k1.path, '--new-key-file', k2.path], c.io)).toBe(0);
    expect(c.out).toEqual([`rekeyed store ${dir}: it opens with ${k2.path} from now on, no longer with ${k1.path}`]);
    await createExperiment(h.t.svc, { name: 'after', tags: [] });
    await h.close(); // its checkpoint writes store.json again: with the new header
    await expect(fingerprintStore(dir, k1)).rejects.toMatchObject({ code: 'wrong-key' });
    expect(await fingerprintStore(dir, k2)).toMatchObject({ encrypted: true });
  });

  it('a wrong old key is refused by the holder, in one line; the key is unchanged', async () => {
    const dir = join(tempDir(), 'store');
    const [k1, k2, other] = [newKey(), newKey(), newKey()];
    const h = await holder(dir, k1, (store) => rekeyJobHandlers({ store }));
    const c = capture();
    expect(await storeCommand(['rekey', '--store', dir, '--key-file', other.path, '--new-key-file', k2.path], c.io)).toBe(1);
    expect(c.err()).toBe(`sextant store rekey: the key in ${other.path} does not open store ${dir}\n`);
    await h.close();
    expect(await fingerprintStore(dir, k1)).toMatchObject({ encrypted: true });
  });

  it('a holder that does not run rekeys: one sentence naming it', async () => {
    const dir = join(tempDir(), 'store');
    const [k1, k2] = [newKey(), newKey()];
    const h = await holder(dir, k1, () => ({}));
    const c = capture();
    expect(await storeCommand(['rekey', '--store', dir, '--key-file', k1.path, '--new-key-file', k2.path], c.io)).toBe(1);
    expect(c.err()).toMatch(new RegExp(`^sextant store rekey: ${dir} is open in process ${process.pid}( \\(.*\\))?: stop it, then run this again\\n$`));
    await h.close();
    expect(await fingerprintStore(dir, k1)).toMatchObject({ encrypted: true });
  });
});
