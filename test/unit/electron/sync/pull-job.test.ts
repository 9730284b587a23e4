import { describe, expect, it } from 'vitest';
import { pullJob } from '../../../../electron/sync/pull-job';
import type { JobContext } from '../../../../electron/jobs/job-types';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const ctx = (): JobContext => ({ id: 'j', signal: new AbortController().signal, progress: () => undefined, log: () => undefined });

describe('pullJob', () => {
  it('answers --model with a clear problem and changes nothing', async () => {
    const t = await openTestStore(tempDir());
    const seq = t.store.lastSeq;
    const out = await pullJob({ store: t.store, services: t.svc, log: () => undefined }, { remote: 'http://127.0.0.1:1', models: ['m'] }, ctx());
    expect(out.summary).toBe('pull: --model is not supported yet');
    expect(out.problems).toEqual([{ item: 'pull', message: expect.stringMatching(/--model NAME .* not supported yet/) }]);
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
