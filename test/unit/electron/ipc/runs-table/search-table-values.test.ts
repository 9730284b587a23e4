import { describe, expect, it } from 'vitest';
import { searchTable, searchTableValues } from '../../../../../electron/ipc/runs-table/search-table';
import { runsReadModelOf } from '../../../../../electron/store/read-model/store-read-model';
import { recordsFromPage } from '../../../../../renderer/state/runs-table-rows';
import { mergeColumnValues } from '../../../../../renderer/state/runs-column-merge';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { prng, seedRandomRuns } from '../../store/read-model/random-runs';

const tempDir = useTempDirs();

async function seeded(modelReady: boolean) {
  const t = await openTestStore(tempDir());
  if (!modelReady) runsReadModelOf(t.store, { syncBuildMaxRuns: 0, schedule: () => undefined });
  await seedRandomRuns(t.store, prng(11), 70, ['0']);
  expect(runsReadModelOf(t.store).ready()).toBe(modelReady);
  return t;
}

const ASKED = ['metrics.m1', 'params.p0', 'tags.t0'];

describe.each([true, false])('runs.searchTableValues (read model ready: %s)', (modelReady) => {
  it('rows read without some columns, merged with their values page by page, equal rows read with them', async () => {
    const t = await seeded(modelReady);
    const query = { experimentIds: ['0'], filter: 'metrics.m0 > 0 OR params.p1 != \'a\'', viewType: 'ALL' as const };
    const without = recordsFromPage(JSON.parse(JSON.stringify(searchTable(t.svc, { ...query, orderBy: ['params.p2 DESC'], maxResults: 1000, columns: ['metrics.m0'] }))));
    const withAll = recordsFromPage(JSON.parse(JSON.stringify(searchTable(t.svc, { ...query, orderBy: ['params.p2 DESC'], maxResults: 1000, columns: ['metrics.m0', ...ASKED] }))));
    expect(without.length).toBeGreaterThan(10);
    const pages = [];
    let pageToken: string | undefined;
    do {
      const page = JSON.parse(JSON.stringify(searchTableValues(t.svc, { ...query, maxResults: 9, columns: ASKED, ...(pageToken ? { pageToken } : {}) })));
      expect(Object.keys(page)).toEqual(expect.arrayContaining(['ids', 'columns']));
      expect(page).not.toHaveProperty('names');
      pages.push(page);
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(pages.length).toBeGreaterThan(1);
    expect(new Set(pages.flatMap((p) => p.ids))).toEqual(new Set(without.map((r) => r.id)));
    const merged = mergeColumnValues(without, pages, ASKED);
    expect(merged.map((r) => [r.id, r.metrics, r.params, r.tags])).toEqual(withAll.map((r) => [r.id, r.metrics, r.params, r.tags]));
    await t.store.close();
  });
});

describe('mergeColumnValues', () => {
  it('keeps a run the answer lacks as it is, and drops a value the run no longer has', async () => {
    const t = await seeded(true);
    const rows = recordsFromPage(searchTable(t.svc, { experimentIds: ['0'], orderBy: [], viewType: 'ALL', maxResults: 1000, columns: ['params.p0'] }));
    const withP0 = rows.find((r) => 'p0' in r.params)!;
    const values = searchTableValues(t.svc, { experimentIds: ['0'], viewType: 'ALL', columns: ['params.p0'], filter: `attributes.run_id != '${rows[0]!.id}'` });
    // the answer says the run has no p0 (as if deleted since): it goes
    const i = values.ids.indexOf(withP0.id);
    if (i >= 0 && values.columns['params.p0']!.kind === 'text') values.columns['params.p0']!.codes[i] = -1;
    const merged = mergeColumnValues(rows, [values], ['params.p0']);
    expect(merged[0]).toBe(rows[0]); // not in the answer: the same record
    if (withP0.id !== rows[0]!.id) expect('p0' in merged.find((r) => r.id === withP0.id)!.params).toBe(false);
    await t.store.close();
  });
});
