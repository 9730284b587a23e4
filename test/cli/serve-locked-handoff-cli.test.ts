// A CLI command handing a job to `sextant serve` while its store is locked (needs `npm run build`):
// the store is held (nobody else opens it meanwhile), and the command hears why in one sentence at
// once instead of waiting for an answer that cannot come.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNewKeyFile } from '../../electron/store/crypto/keys';
import { seedStore } from '../support/convert-fixture';
import { runCli } from '../support/run-cli';
import { startSextant } from '../support/servers';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const PASSPHRASE = 'tundra-lantern-passphrase-5531';

describe('sextant serve holding a locked store (built CLI)', () => {
  it('refuses a handed-over rekey in one sentence, and a second opener', { timeout: 120_000 }, async () => {
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { key: { kind: 'passphrase', passphrase: PASSPHRASE, scrypt: { N: 1024, r: 8, p: 1 } }, runs: 1, points: 5 });
    const [k0, k1] = [join(tempDir(), 'k0.key'), join(tempDir(), 'k1.key')];
    writeNewKeyFile(k0);
    writeNewKeyFile(k1);
    const serve = await startSextant({ dataDir: dir, env: { SEXTANT_KEY_FILE: undefined } });
    try {
      expect(serve.output()).toContain('locked: it is encrypted with a passphrase');
      const rekey = await runCli(['store', 'rekey', '--store', dir, '--key-file', k0, '--new-key-file', k1], { env: { SEXTANT_KEY_FILE: undefined } });
      expect(rekey.stderr).toMatch(new RegExp(`^sextant store rekey: process \\d+: store ${dir} is held by sextant serve but locked: unlock it first\\n$`));
      expect(rekey.code).toBe(1);
      const decrypt = await runCli(['store', 'decrypt', '--store', dir, '--key-file', k0], { env: { SEXTANT_KEY_FILE: undefined } });
      expect(decrypt.stderr).toMatch(new RegExp(`^sextant store decrypt: ${dir} is open in process \\d+ \\(sextant serve[^)]*\\): stop it, then run this again\\n$`));
      expect(decrypt.code).toBe(1);
    } finally {
      await serve.stop({ keepData: true });
    }
  });
});
