import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeCommand, type StoreCommandIo } from '../../../../electron/cli-commands/store-command';
import { writeNewKeyFile } from '../../../../electron/store/crypto/keys';
import { fingerprintStore, seedStore } from '../../../support/convert-fixture';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function keyFile(): string {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return path;
}

function capture(opts: { interruptAfterProgress?: boolean } = {}) {
  const out: string[] = [];
  let err = '';
  let fire: (() => void) | null = null;
  let progressLines = 0;
  const io: StoreCommandIo = {
    out: (l) => out.push(l),
    err: {
      isTTY: false,
      write: (t: string) => {
        err += t;
        if (/items/.test(t) && opts.interruptAfterProgress && progressLines++ === 0) fire?.();
        return true;
      },
    },
    onInterrupt: (l) => ((fire = l), () => (fire = null)),
    now: (() => {
      let t = 0;
      return () => (t += 10_000); // every progress report is a new plain line
    })(),
  };
  return { io, out, err: () => err };
}

describe('sextant store', () => {
  it('encrypt, rekey, decrypt: one summary line each on stdout, progress on stderr, the data as it was', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 2, points: 300 });
    const before = await fingerprintStore(dir);
    const k1 = keyFile();
    const k2 = keyFile();
    const enc = capture();
    expect(await storeCommand(['encrypt', '--store', dir, '--key-file', k1], enc.io)).toBe(0);
    expect(enc.out).toEqual([expect.stringMatching(new RegExp(`^encrypted store ${dir}: 2 runs, \\d+ series files?, 6 artifacts, [\\d.]+ MiB in [\\d.]+ s$`))]);
    expect(enc.err()).toMatch(/\d+\/\d+ items/);
    const rk = capture();
    expect(await storeCommand(['rekey', '--store', dir, '--key-file', k1, '--new-key-file', k2], rk.io)).toBe(0);
    expect(rk.out).toEqual([`rekeyed store ${dir}: it opens with ${k2} from now on, no longer with ${k1}`]);
    const wrong = capture();
    expect(await storeCommand(['decrypt', '--store', dir, '--key-file', k1], wrong.io)).toBe(1);
    expect(wrong.err()).toBe(`sextant store decrypt: the key in ${k1} does not open store ${dir}\n`);
    const dec = capture();
    expect(await storeCommand(['decrypt', '--store', dir, '--key-file', k2], dec.io)).toBe(0);
    expect(dec.out[0]).toMatch(/^decrypted store /);
    expect(await fingerprintStore(dir)).toEqual(before);
  });

  it('Ctrl-C cancels: exit 130, the store as it was, no copy left beside it', async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 3, points: 300 });
    const before = await fingerprintStore(dir);
    const c = capture({ interruptAfterProgress: true });
    expect(await storeCommand(['encrypt', '--store', dir, '--key-file', keyFile()], c.io)).toBe(130);
    expect(c.err()).toMatch(/cancelling: removing the partial copy/);
    expect(c.err()).toMatch(new RegExp(`sextant store encrypt: conversion of store ${dir} cancelled; the store is as it was\\n$`));
    expect(readdirSync(dirname(dir)).filter((n) => n !== basename(dir))).toEqual([]);
    expect(await fingerprintStore(dir)).toEqual(before);
  });

  it('bad usage exits 2 with the reason and the help', async () => {
    const dir = tempDir();
    for (const [argv, reason] of [
      [['shred', '--key-file', 'k'], "unknown action 'shred'"],
      [['rekey', '--store', dir, '--key-file', 'k'], 'rekey needs --new-key-file NEW'],
      [['encrypt', '--store', dir, '--key-file', 'k', '--new-key-file', 'n'], '--new-key-file is for rekey only'],
      [['rekey', '--store', dir, '--key-file', 'k', '--new-key-file', 'k'], '--new-key-file must be another file than --key-file'],
    ] as const) {
      const c = capture();
      expect(await storeCommand([...argv], c.io)).toBe(2);
      expect(c.err()).toContain(`sextant store: ${reason}`);
      expect(c.err()).toContain('sextant store encrypt|decrypt|rekey');
    }
  });
});
