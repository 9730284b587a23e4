// The encrypted target of the bench (issue 12): `sextant serve --key-file FILE` on a fresh store, so
// the store is created encrypted; the key is a fresh one from `sextant key generate`, kept in a
// private temporary folder that is removed with the server's store when it stops.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sextantBin } from '../support/paths';
import { type RunningServer, startSextant } from '../support/servers';

const execFileAsync = promisify(execFile);

export async function startEncryptedSextant(): Promise<RunningServer> {
  const keyDir = await mkdtemp(join(tmpdir(), 'sextant-bench-key-'));
  const keyFile = join(keyDir, 'store.key');
  try {
    await execFileAsync(process.execPath, [sextantBin, 'key', 'generate', '--out', keyFile]);
    const server = await startSextant({ extraArgs: ['--key-file', keyFile] });
    return {
      ...server,
      async stop(opts) {
        try {
          await server.stop(opts);
        } finally {
          await rm(keyDir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await rm(keyDir, { recursive: true, force: true });
    throw e;
  }
}

/** Whether a served store is encrypted (store.json of format 3 with an `encryption` header). */
export async function storeIsEncrypted(dataDir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(join(dataDir, 'store.json'), 'utf8')) as { encryption?: unknown };
    return manifest.encryption !== undefined && manifest.encryption !== null;
  } catch {
    return false;
  }
}
