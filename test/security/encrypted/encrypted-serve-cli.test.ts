// Issue 12 from the command line (needs `npm run build` and the Python venv): `sextant serve
// --key-file` creates an encrypted store that the official MLflow client fills with no plaintext
// left on disk; without its key (or with another) serve and the job commands refuse it in one
// sentence naming the store, and never print the key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNewKeyFile } from '../../../electron/store/crypto/keys';
import { runCli } from '../../support/run-cli';
import { startSextant } from '../../support/servers';
import { useTempDirs } from '../../support/temp-dir';
import { leaks, MARKER, runPython, SEED_SCRIPT, VALUE } from './marker-scan';

const tempDir = useTempDirs();

function newKeyFile(): string {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return path;
}

describe('sextant serve --key-file', () => {
  it('serves an encrypted store with no plaintext on disk; without its key the store is refused, the key never printed', { timeout: 240_000 }, async () => {
    const dir = join(tempDir(), 'store');
    const key = newKeyFile();
    const server = await startSextant({ dataDir: dir, extraArgs: ['--key-file', key] });
    let seeded: { code: number | null; out: string };
    try {
      expect(server.output()).toContain(`Sextant is serving the encrypted store ${dir}`);
      seeded = await runPython(SEED_SCRIPT, [MARKER, String(VALUE), tempDir()], { MLFLOW_TRACKING_URI: server.url, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' });
    } finally {
      await server.stop({ keepData: true });
    }
    expect(seeded.code, seeded.out).toBe(0);
    expect(leaks(dir)).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8'))).toMatchObject({ format: 3, encryption: { keyKind: 'key-file' } });

    const hex = readFileSync(key, 'utf8').trim();
    const other = newKeyFile();
    const refusals = [
      [await runCli(['serve', '--store', dir, '--port', '0']), `store ${dir} is encrypted with a key file; pass --key-file FILE`],
      [await runCli(['serve', '--store', dir, '--port', '0', '--key-file', other]), `the key in ${other} does not open store ${dir}`],
      [await runCli(['remote', 'list', '--store', dir]), `store ${dir} is encrypted with a key file; pass --key-file FILE`],
    ] as const;
    for (const [r, sentence] of refusals) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(sentence);
      expect(r.stdout + r.stderr).not.toContain(hex);
    }
    // The job commands open it with the key (flag or SEXTANT_KEY_FILE).
    expect((await runCli(['remote', 'list', '--store', dir, '--key-file', key])).code).toBe(0);
    expect((await runCli(['sync', 'status', '--store', dir], { env: { SEXTANT_KEY_FILE: key } })).code).toBe(0);
  });
});
