import { describe, expect, it } from 'vitest';
import { searchTable } from '../../../../../electron/ipc/runs-table/search-table';
import { logToRun } from '../../../../../electron/services/logging-service';
import { searchRuns } from '../../../../../electron/services/search-service';
import { stringifyMlflowJson } from '../../../../../electron/server/mlflow-json';
import { runsReadModelOf } from '../../../../../electron/store/read-model/store-read-model';
import type { Run } from '../../../../../shared/domain/tracking';
import { indexRun, type RunRecord } from '../../../../../renderer/components/runs-table/run-values';
import { recordsFromPage } from '../../../../../renderer/state/runs-table-rows';
import { openTestStore, type TestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { prng, seedRandomRuns } from '../../store/read-model/random-runs';
import { randomFilter, randomOrderBy } from '../../store/read-model/random-filters';

const tempDir = useTempDirs();

/** A row with its key lists as sets (indexRun lists integer-like keys first, as Object.keys does). */
const comparable = (r: RunRecord) => ({ ...r, metricKeys: [...r.metricKeys].sort(), paramKeys: [...r.paramKeys].sort(), tagKeys: [...r.tagKeys].sort(), keySig: undefined });

async function storeWithRuns(modelReady: boolean): Promise<{ t: TestStore; runIds: string[] }> {
  const t = await openTestStore(tempDir());
  if (!modelReady) runsReadModelOf(t.store, { syncBuildMaxRuns: 0, schedule: () => undefined });
  const rnd = prng(5);
  const runIds = await seedRandomRuns(t.store, rnd, 60, ['0']);
  // some runs nested under others, some with a source
  for (let i = 1; i < 12; i++) await logToRun(t.svc, { runId: runIds[i]!, metrics: null, params: [], tags: [{ key: 'mlflow.parentRunId', value: runIds[i - 1]! }, { key: 'mlflow.source.name', value: `train-${i % 3}.py` }] });
  return { t, runIds };
}

async function expectSameRows(modelReady: boolean) {
  const { t, runIds } = await storeWithRuns(modelReady);
  expect(runsReadModelOf(t.store).ready()).toBe(modelReady);
  const rnd = prng(9);
  let compared = 0;
  for (let i = 0; i < 25; i++) {
    const filter = i % 4 === 0 ? '' : randomFilter(rnd, runIds);
    const orderBy = randomOrderBy(rnd);
    const viewType = (['ACTIVE_ONLY', 'ALL', 'DELETED_ONLY'] as const)[i % 3];
    const maxResults = [7, 25, 1000][i % 3]!;
    let token: string | undefined;
    let tableToken: string | undefined;
    do {
      const expected = searchRuns(t.svc, { experimentIds: ['0'], filter, orderBy, viewType, maxResults, pageToken: token });
      // every column, through the JSON text the HTTP transport sends
      const page = JSON.parse(JSON.stringify(searchTable(t.svc, { experimentIds: ['0'], filter, orderBy, viewType, maxResults, pageToken: tableToken, columns: [], allColumns: true })));
      const rows = recordsFromPage(page);
      const wanted = (JSON.parse(stringifyMlflowJson(expected.items)) as Run[]).map(indexRun); // NaN and the infinities spelled as MLflow does
      expect(rows.map(comparable), `${filter} | ${orderBy.join(', ')}`).toEqual(wanted.map(comparable));
      expect(page.nextPageToken).toBe(expected.nextPageToken);
      compared += rows.length;
      token = expected.nextPageToken;
      tableToken = page.nextPageToken;
    } while (token);
  }
  expect(compared).toBeGreaterThan(100);
  await t.store.close();
}

describe('runs.searchTable', () => {
  it('answers the rows runs.search answers, page by page, from the read model', async () => {
    await expectSameRows(true);
  });

  it('answers the same when SQL answers (the read model not built yet)', async () => {
    await expectSameRows(false);
  });

  it('carries values only for the columns asked, and every key for the column picker', async () => {
    const { t } = await storeWithRuns(true);
    const page = searchTable(t.svc, { experimentIds: ['0'], orderBy: [], viewType: 'ALL', columns: ['metrics.m1', 'params.p0', 'tags.t0', 'attributes.status', 'metrics.nope'] });
    expect(Object.keys(page.columns).sort()).toEqual(['metrics.m1', 'metrics.nope', 'params.p0', 'tags.t0']);
    expect((page.columns['metrics.nope'] as { values: unknown[] }).values.every((v) => v === null)).toBe(true);
    const full = searchRuns(t.svc, { experimentIds: ['0'], orderBy: [], viewType: 'ALL', maxResults: 1000 }).items.map(indexRun);
    const rows = recordsFromPage(page);
    expect(rows.map((r) => r.id)).toEqual(full.map((r) => r.id));
    rows.forEach((r, i) => {
      const f = full[i]!;
      expect(r.metrics).toEqual('m1' in f.metrics ? { m1: f.metrics.m1 } : {});
      expect(r.params).toEqual('p0' in f.params ? { p0: f.params.p0 } : {});
      expect(r.tags).toEqual('t0' in f.tags ? { t0: f.tags.t0 } : {});
      expect([...r.metricKeys].sort()).toEqual([...f.metricKeys].sort());
      expect([...r.tagKeys].sort()).toEqual([...f.tagKeys].sort());
      expect([r.parentId, r.source, r.name, r.status, r.start, r.end, r.deleted]).toEqual([f.parentId, f.source, f.name, f.status, f.start, f.end, f.deleted]);
    });
    expect(new Set(page.keys).size).toBe(page.keys.length); // each key once
    expect(page.keySets.length).toBeLessThan(rows.length);
    await t.store.close();
  });

  it('answers later pages from the matches kept for the query, and not after a commit', async () => {
    const { t } = await storeWithRuns(true);
    const input = { experimentIds: ['0'], orderBy: ['tags.t0 DESC'], viewType: 'ACTIVE_ONLY' as const, maxResults: 10, columns: ['tags.t0'] };
    const expectedIds = (pageToken?: string) => searchRuns(t.svc, { ...input, pageToken }).items.map((r) => r.info.run_id);
    const first = searchTable(t.svc, input);
    const second = searchTable(t.svc, { ...input, pageToken: first.nextPageToken });
    expect(second.ids).toEqual(expectedIds(first.nextPageToken));
    expect(searchTable(t.svc, { ...input, pageToken: first.nextPageToken }).ids).toEqual(second.ids);
    // a run of the second page takes the highest value: it moves to the first page
    const moved = second.ids[3]!;
    await logToRun(t.svc, { runId: moved, metrics: null, params: [], tags: [{ key: 't0', value: '\u{10FFFF}' }] });
    const again = searchTable(t.svc, { ...input, pageToken: first.nextPageToken });
    expect(again.ids).not.toContain(moved);
    expect(again.ids).toEqual(expectedIds(first.nextPageToken));
    expect(searchTable(t.svc, input).ids[0]).toBe(moved);
    await t.store.close();
  });
});
