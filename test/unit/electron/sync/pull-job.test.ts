import { describe, expect, it } from 'vitest';
import { pullJob } from '../../../../electron/sync/pull-job';
import type { JobContext } from '../../../../electron/jobs/job-types';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const ctx = (): JobContext => ({ id: 'j', signal: new AbortController().signal, progress: () => undefined, log: () => undefined });

describe('pullJob', () => {
  it('takes --model; a remote that cannot be reached is one clear problem and nothing changes', async () => {
    const t = await openTestStore(tempDir());
    const seq = t.store.lastSeq;
    const out = await pullJob({ store: t.store, services: t.svc, log: () => undefined }, { remote: 'http://127.0.0.1:1', models: ['m'] }, ctx());
    expect(out.summary).toMatch(/cannot be reached/);
    expect(out.summary).not.toMatch(/not supported/);
    expect(t.store.lastSeq).toBe(seq);
    await t.store.close();
  });

  it('refuses bad args and an unknown remote before anything changes', async () => {
    const t = await openTestStore(tempDir());
    const deps = { store: t.store, services: t.svc, log: () => undefined };
    await expect(pullJob(deps, { remote: 'team', artifacts: 'sometimes' }, ctx())).rejects.toThrow();
    await expect(pullJob(deps, { remote: 'team' }, ctx())).rejects.toThrow(/No remote named 'team'/);
    await t.store.close();
  });
});
