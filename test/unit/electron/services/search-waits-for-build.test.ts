import { describe, expect, it } from 'vitest';
import { searchRunsJson, searchRunsJsonBytesCurrent } from '../../../../electron/services/search-service';
import { runsReadModelOf } from '../../../../electron/store/read-model/store-read-model';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('runs/search during the read model build', () => {
  it('waits for the stepped build and answers from the model once built, not from SQL', async () => {
    const t = await openTestStore(tempDir());
    for (let i = 0; i < 12; i++) {
      await t.store.commit({ type: 'run.create', runId: `r${String(i).padStart(2, '0')}`, experimentId: '0', name: `n${i}`, userId: 'u', startTime: 100 - i, artifactUri: 'a', tags: [{ key: 'k', value: `v${i % 3}` }], time: 1 });
    }
    const pending: (() => void)[] = [];
    const model = runsReadModelOf(t.store, { syncBuildMaxRuns: 4, stepRuns: 2, stepBudgetMs: 0, schedule: (step) => pending.push(step) });
    const input = { experimentIds: ['0'], filter: "tags.k != 'v1'", orderBy: ['attributes.start_time ASC'], maxResults: 5 };
    const answer = searchRunsJsonBytesCurrent(t.svc, input);
    expect(answer).toBeInstanceOf(Promise); // the build started and the search waits for it
    expect(model.state).toBe('building');
    let answered = false;
    void (answer as Promise<Buffer>).then(() => (answered = true));
    pending.shift()!();
    await Promise.resolve();
    expect(answered).toBe(false);
    let steps = 1;
    while (pending.length) {
      pending.shift()!();
      steps++;
    }
    expect(steps).toBeGreaterThan(1);
    const text = (await answer).toString('utf8');
    expect(model.state).toBe('ready');
    expect(model.stats.sqlAnswers).toBe(0);
    const ids = (JSON.parse(text) as { runs: { info: { run_id: string } }[] }).runs.map((r) => r.info.run_id);
    expect(ids).toEqual(['r11', 'r09', 'r08', 'r06', 'r05']);
    expect(text).toBe(searchRunsJson(t.svc, input));
    await t.store.close();
  });
});
