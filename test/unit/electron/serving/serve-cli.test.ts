import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalJobs } from '../../../../electron/jobs/local-jobs';
import { serveFromCli } from '../../../../electron/serving/serve-cli';
import { servingJobHandlers } from '../../../../electron/serving/serving-jobs';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function capture() {
  let text = '';
  return { out: { write: (s: string) => (text += s) }, text: () => text };
}

const args = { modelUri: 'models:/m/1', host: '127.0.0.1', port: 5001, envManager: 'local' as const };

describe('serveFromCli', () => {
  it('says there is no store rather than making one', async () => {
    const dir = join(tempDir(), 'none');
    const [out, err] = [capture(), capture()];
    expect(await serveFromCli({ storeDir: dir, args, stdout: out.out, stderr: err.out, onInterrupt: () => () => {} })).toBe(1);
    expect(err.text()).toBe(`sextant models serve: there is no Sextant store at ${dir} (give --store DIR)\n`);
    expect(out.text()).toBe('');
  });

  it('does not hand a server to another command holding the store (it would keep that command running)', async () => {
    const dir = join(tempDir(), 'store');
    await (await openTestStore(dir)).store.close();
    const holder = await openLocalJobs({ storeDir: dir, handlers: servingJobHandlers, log: () => {} });
    try {
      const [out, err] = [capture(), capture()];
      expect(await serveFromCli({ storeDir: dir, args, stdout: out.out, stderr: err.out, onInterrupt: () => () => {} })).toBe(1);
      expect(err.text()).toBe(`sextant models serve: the store is held by process ${process.pid} (another sextant command) for a while; serve again once it has finished (or start sextant serve, which can run both)\n`);
      expect(holder.runner.list().map((j) => [j.kind, j.state])).toEqual([['model-serve', expect.stringMatching(/^(cancelled|failed)$/)]]);
    } finally {
      await holder.close();
    }
  });
});
