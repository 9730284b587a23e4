// `sextant key` from the command line (needs `npm run build`).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKeyFile } from '../../electron/store/crypto/keys';
import { runCli } from '../support/run-cli';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

describe('sextant key (registered in the CLI)', () => {
  it('`sextant key generate --out FILE` writes a key file readable by its owner only, and prints no key', async () => {
    const path = join(tempDir(), 'store.key');
    const r = await runCli(['key', 'generate', '--out', path]);
    expect(r.code).toBe(0);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const key = readKeyFile(path);
    expect(r.stdout + r.stderr).not.toContain(key.bytes.toString('hex'));
    key.dispose();
  });

  it('is listed in the help, and `sextant help key` shows its help', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}key {7}make a key file for encrypted stores/m);
    expect((await runCli(['help', 'key'])).stdout).toMatch(/^sextant key generate --out FILE/);
  });

  it('`sextant store` (encrypt, decrypt, rekey) is listed and has its help', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}store {5}encrypt or decrypt a whole store, or rotate its key/m);
    const help = await runCli(['help', 'store']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/sextant store (encrypt|decrypt|rekey)/);
  });
});
