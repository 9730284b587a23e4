// `sextant store encrypt|decrypt|rekey` as people run it: the built command (npm run build first),
// on a seeded store, with `sextant serve` holding the store for the refusal.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNewKeyFile } from '../../electron/store/crypto/keys';
import { fingerprintStore, seedStore } from '../support/convert-fixture';
import { runCli } from '../support/run-cli';
import { startSextant } from '../support/servers';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

function keyFile(): string {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return path;
}

const noKeyEnv = { SEXTANT_KEY_FILE: undefined };

describe('sextant store (built CLI)', () => {
  it('encrypt, decrypt refused and rekey handed over while sextant serve holds the store, rekey, decrypt: the data as it was', { timeout: 180_000 }, async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 2, points: 500 });
    const seeded = await fingerprintStore(dir);
    const [k0, k1, k2] = [keyFile(), keyFile(), keyFile()];

    const enc = await runCli(['store', 'encrypt', '--store', dir, '--key-file', k0], { env: noKeyEnv });
    expect(enc.stderr).toMatch(/^copying the metadata snapshot {2}0% {2}0\/\d+ items {2}0 B\/[\d.]+ KiB\n(.*items.*\n)*$/); // progress lines only
    expect(enc.stdout).toMatch(new RegExp(`^encrypted store ${dir}: 2 runs, \\d+ series files?, 6 artifacts, [\\d.]+ MiB in [\\d.]+ s\\n$`));
    expect(enc.code).toBe(0);

    const serve = await startSextant({ dataDir: dir, extraArgs: ['--key-file', k0] });
    try {
      const held = await runCli(['store', 'decrypt', '--store', dir, '--key-file', k0], { env: noKeyEnv });
      expect(held.stderr).toMatch(new RegExp(`^sextant store decrypt: ${dir} is open in process \\d+ \\(sextant serve[^)]*\\): stop it, then run this again\\n$`));
      expect(held.code).toBe(1);
      const handed = await runCli(['store', 'rekey', '--store', dir, '--key-file', k0, '--new-key-file', k1], { env: noKeyEnv });
      expect(handed.stdout).toBe(`rekeyed store ${dir}: it opens with ${k1} from now on, no longer with ${k0}\n`);
      expect(handed.code).toBe(0);
    } finally {
      await serve.stop({ keepData: true });
    }

    const rk = await runCli(['store', 'rekey', '--store', dir, '--key-file', k1, '--new-key-file', k2], { env: noKeyEnv });
    expect(rk.stdout).toBe(`rekeyed store ${dir}: it opens with ${k2} from now on, no longer with ${k1}\n`);
    expect(rk.code).toBe(0);
    const old = await runCli(['store', 'decrypt', '--store', dir, '--key-file', k1], { env: noKeyEnv });
    expect(old.stderr).toBe(`sextant store decrypt: the key in ${k1} does not open store ${dir}\n`);
    expect(old.code).toBe(1);
    const dec = await runCli(['store', 'decrypt', '--store', dir], { env: { SEXTANT_KEY_FILE: k2 } });
    expect(dec.stdout).toMatch(/^decrypted store /);
    expect(dec.code).toBe(0);
    expect(readdirSync(dirname(dir)).filter((n) => n !== basename(dir))).toEqual([]);
    expect(await fingerprintStore(dir)).toEqual(seeded);
  });

  it('sextant help store prints the command\'s help', async () => {
    const help = await runCli(['help', 'store']);
    expect(help.stdout).toMatch(/^sextant store encrypt\|decrypt\|rekey --store DIR --key-file FILE/);
    expect(help.code).toBe(0);
  });
});
