import { describe, expect, it } from 'vitest';
import { parseOrderBy, parseRunsFilter, unwrapSearch } from '../../../../../shared/search';
import { compileRunsQuery, type ViewType } from '../../../../../electron/store/search';
import { searchModel } from '../../../../../electron/store/read-model/search-model';
import { RunsReadModel } from '../../../../../electron/store/read-model/runs-read-model';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { prng, pick, seedRandomRuns } from './random-runs';
import { randomFilter, randomMlflowFilter, randomOrderBy } from './random-filters';

const tempDir = useTempDirs();

describe('the read model answers search_runs as the SQL path does', () => {
  it('gives the same runs in the same order, page by page, for random filters and orders over random runs', async () => {
    const t = await openTestStore(tempDir());
    await t.store.commit({ type: 'experiment.create', id: '1', name: 'one', artifactLocation: 'mlflow-artifacts:/1', tags: [], time: 1 });
    await t.store.commit({ type: 'experiment.create', id: '2', name: 'two', artifactLocation: 'mlflow-artifacts:/2', tags: [], time: 1 });
    const rnd = prng(20261205);
    const runIds = await seedRandomRuns(t.store, rnd, 260, ['0', '1', '2']);
    const model = new RunsReadModel(t.store.db);
    model.buildNow();
    expect(model.size).toBe(260);

    let compared = 0;
    let nonEmpty = 0;
    for (let q = 0; q < 400; q++) {
      const filter = q % 3 === 0 ? randomMlflowFilter(rnd, runIds) : randomFilter(rnd, runIds);
      const orderByText = randomOrderBy(rnd);
      const parsedFilter = parseRunsFilter(filter);
      const parsedOrder = parseOrderBy(orderByText, 'runs');
      if (!parsedFilter.ok || !parsedOrder.ok) throw new Error(`the generator made an invalid search: ${filter} / ${orderByText.join(', ')}: ${JSON.stringify(parsedFilter.ok ? parsedOrder : parsedFilter)}`);
      const clauses = unwrapSearch(parsedFilter);
      const orderBy = unwrapSearch(parsedOrder);
      const experimentIds = pick(rnd, [['0'], ['1', '2'], ['0', '1', '2'], ['2', '2'], ['9']]);
      const viewType = pick<ViewType | undefined>(rnd, [undefined, 'ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']);
      const pageSize = pick(rnd, [1, 3, 7, 50, 1000]);
      const context = `filter ${filter} | order ${orderByText.join(', ')} | experiments ${experimentIds.join(',')} | view ${viewType} | page ${pageSize}`;
      for (let offset = 0; ; offset += pageSize) {
        const sql = compileRunsQuery({ experimentIds, clauses, orderBy, viewType, limit: pageSize + 1, offset });
        const expected = t.store.db.column<string>(sql.sql, sql.params);
        // The first ask of an order sorts the matches; later ones walk the experiment's runs sorted once (one experiment).
        for (let ask = 0; ask < 2; ask++) {
          const actual = searchModel(model, { experimentIds, clauses, orderBy, viewType, offset, limit: pageSize + 1 });
          expect(actual, context).toBeDefined();
          expect(actual!.map((r) => r.id), `${context} | offset ${offset} | ask ${ask}`).toEqual(expected);
        }
        compared++;
        if (expected.length) nonEmpty++;
        if (expected.length <= pageSize || offset > 60) break;
      }
    }
    // The generator is meant to reach matching runs, not only empty answers.
    expect(nonEmpty).toBeGreaterThan(compared / 3);
    await t.store.close();
  }, 180_000);
});
