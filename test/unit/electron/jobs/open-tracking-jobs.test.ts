import { describe, expect, it } from 'vitest';
import { runJobFromCli } from '../../../../electron/jobs/job-cli';
import { openTracking } from '../../../../electron/open-tracking';
import { useTempDirs } from '../../../support/temp-dir';
import { CountJob } from './fixtures/count-job';

const tempDir = useTempDirs();

describe('openTracking runs jobs', () => {
  it('takes jobs handed over through the lock socket, lists them on its runner, and cancels them on close', async () => {
    const storeDir = tempDir();
    const count = new CountJob();
    const tracking = await openTracking({ storeDir, host: '127.0.0.1', port: 0, log: () => undefined, version: 'test', jobs: { holder: 'app', handlers: () => ({ count: count.handler }) } });
    let stdout = '';
    const exitCode = runJobFromCli({
      storeDir,
      job: { kind: 'count', args: { items: 3 } },
      json: true,
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      isTTY: false,
      openLocally: () => Promise.reject(new Error('the store is held')),
      onInterrupt: () => () => {},
    });
    count.allow(1);
    await count.whenWaiting();
    expect(tracking.jobs.list()).toMatchObject([{ kind: 'count', state: 'running', progress: { itemsDone: 1 } }]);
    await tracking.close();
    expect(tracking.jobs.list()).toMatchObject([{ state: 'cancelled' }]);
    expect(await exitCode).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ state: 'cancelled', summary: 'counted 1 of 3 items, then cancelled', ranIn: `handed to process ${process.pid} (the Sextant app)` });
  });
});
