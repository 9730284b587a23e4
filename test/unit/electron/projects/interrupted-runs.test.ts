import { describe, expect, it } from 'vitest';
import { RunsUnderWay, settleInterruptedRuns } from '../../../../electron/projects/interrupted-runs';
import { createRun, getRun, updateRun } from '../../../../electron/services/runs-service';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const temp = useTempDirs();

describe('settleInterruptedRuns', () => {
  it('ends FAILED the listed runs still RUNNING, leaves ended ones alone, and empties the list', async () => {
    const dir = temp();
    const t = await openTestStore(dir);
    try {
      const left = (await createRun(t.svc, { tags: [] })).info.run_id;
      const ended = (await createRun(t.svc, { tags: [] })).info.run_id;
      const other = (await createRun(t.svc, { tags: [] })).info.run_id;
      await updateRun(t.svc, { runId: ended, status: 'KILLED', endTime: 1 });
      const runs = RunsUnderWay.forStore(dir, temp());
      runs.add(left);
      runs.add(ended);
      runs.add('no-such-run');
      const logs: string[] = [];
      expect(await settleInterruptedRuns(t.svc, runs, (m) => logs.push(m))).toEqual([left]);
      expect(getRun(t.svc, left).info.status).toBe('FAILED');
      expect(getRun(t.svc, ended).info.status).toBe('KILLED');
      expect(getRun(t.svc, other).info.status).toBe('RUNNING'); // not a project run of ours
      expect(runs.list()).toEqual([]);
      expect(logs).toEqual([expect.stringContaining(`project run ${left} was left RUNNING`)]);
    } finally {
      await t.store.close();
    }
  });

  it('keeps one list per store folder', () => {
    const cache = temp();
    const a = RunsUnderWay.forStore('/stores/a', cache);
    a.add('r1');
    expect(RunsUnderWay.forStore('/stores/b', cache).list()).toEqual([]);
    expect(RunsUnderWay.forStore('/stores/a/', cache).list()).toEqual(['r1']);
  });
});
