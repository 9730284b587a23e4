import { describe, expect, it } from 'vitest';
import { readRuns } from '../../../../renderer/state/charted-run-objects';
import { makeRun } from '../components/runs-table/runs-fixtures';
import { fakeClient } from './runs-fake-client';

describe('the Charts tab reads its runs whole', () => {
  it('asks for the ids in IN lists of at most 100, in the experiment, deleted runs too', async () => {
    const fake = fakeClient(((method: string, input: { filter: string }) => {
      if (method !== 'runs.search') throw new Error(method);
      const ids = [...input.filter.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
      return { runs: ids.map((id) => makeRun({ id, metrics: { loss: 1 }, params: { lr: '0.1' } })) };
    }) as never);
    const ids = Array.from({ length: 250 }, (_, i) => `r${i}`);
    const runs = await readRuns(fake.client, 'e1', ids);
    expect(runs.map((r) => r.info.run_id)).toEqual(ids);
    expect(runs[0]!.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    const calls = fake.callsTo('runs.search');
    expect(calls.map((c) => c.maxResults)).toEqual([100, 100, 50]);
    expect(calls[0]).toMatchObject({ experimentIds: ['e1'], viewType: 'ALL' });
    expect(calls[2]!.filter).toBe(`attributes.run_id IN (${ids.slice(200).map((id) => `'${id}'`).join(', ')})`);
  });
});
