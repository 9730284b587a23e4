import { describe, expect, it } from 'vitest';
import { MlflowError } from '../../../../shared/domain/mlflow-error';
import { createExperiment } from '../../../../electron/services/experiments-service';
import { createRun } from '../../../../electron/services/runs-service';
import { searchExperiments, searchRuns } from '../../../../electron/services/search-service';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

/** The MlflowError a call throws. */
function thrown(fn: () => unknown): MlflowError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MlflowError) return err;
    throw err;
  }
  throw new Error('expected an MlflowError');
}

describe('searchRuns with OR, NOT and parentheses', () => {
  it('answers an extended filter, and names the position of a bad one in an INVALID_PARAMETER_VALUE', async () => {
    const t = await openTestStore(tempDir());
    const experimentId = await createExperiment(t.svc, { name: 'e', tags: [] });
    const run = async (team?: string) =>
      (await createRun(t.svc, { experimentId, tags: team ? [{ key: 'team', value: team }] : [] })).info.run_id;
    const red = await run('red');
    const blue = await run('blue');
    const none = await run();
    const search = (filter: string) =>
      searchRuns(t.svc, { experimentIds: [experimentId], orderBy: [], filter }).items.map((r) => r.info.run_id).sort();

    expect(search("tags.team = 'red' OR tags.team = 'blue'")).toEqual([red, blue].sort());
    expect(search("NOT tags.team = 'red'")).toEqual([blue, none].sort());
    expect(search("(tags.team = 'red' OR tags.team = 'blue') AND NOT tags.team = 'blue'")).toEqual([red]);

    const bad = thrown(() => search("tags.team = 'red' OR"));
    expect([bad.code, bad.status]).toEqual(['INVALID_PARAMETER_VALUE', 400]);
    expect(bad.message).toBe('Invalid filter string at character 21: expected a condition after OR, found the end of the filter');
    await t.store.close();
  });

  it('leaves the experiment search with MLflow\'s grammar', async () => {
    const t = await openTestStore(tempDir());
    const error = thrown(() => searchExperiments(t.svc, { orderBy: [], filter: "name = 'a' OR name = 'b'" }));
    expect([error.code, error.message]).toEqual(['INVALID_PARAMETER_VALUE', 'Invalid clause(s) in filter string: OR']);
    await t.store.close();
  });
});
