import { describe, expect, it } from 'vitest';
import { parseOrderBy, parseRunsFilter, unwrapSearch } from '../../../../../shared/search';
import { compileRunsQuery, type ViewType } from '../../../../../electron/store/search';
import { searchModel, searchModelSliced, type ModelSearch } from '../../../../../electron/store/read-model/search-model';
import { RunsReadModel } from '../../../../../electron/store/read-model/runs-read-model';
import { Slicer } from '../../../../../electron/store/read-model/slicer';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';
import { prng, pick, seedRandomRuns } from './random-runs';
import { randomFilter, randomMlflowFilter, randomOrderBy } from './random-filters';

const tempDir = useTempDirs();

/** A slicer that gives a turn at every look at the clock (every 5 items; sorted runs of 4 merged), so every sliced path is taken on small lists. */
const eagerSlicer = () => new Slicer({ budgetMs: 0, checkEvery: 5, runLength: 4, turn: () => Promise.resolve() });

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
        // The first ask of an order sorts the matches; later ones walk the experiment's runs sorted once (one experiment);
        // the third is the sliced path (the scan and sort in slices, the order it sorted kept).
        const search: ModelSearch = { experimentIds, clauses, orderBy, viewType, offset, limit: pageSize + 1 };
        for (let ask = 0; ask < 3; ask++) {
          const actual = ask < 2 ? searchModel(model, search) : await searchModelSliced(model, search, eagerSlicer());
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

describe('the read model keeps sorted orders current as runs change', () => {
  it('answers as the SQL path does after runs are touched, created and deleted, from orders carried over rather than sorted again', async () => {
    const t = await openTestStore(tempDir());
    await t.store.commit({ type: 'experiment.create', id: '1', name: 'one', artifactLocation: 'mlflow-artifacts:/1', tags: [], time: 1 });
    const rnd = prng(51205);
    const runIds = await seedRandomRuns(t.store, rnd, 200, ['0', '1']);
    const model = new RunsReadModel(t.store.db);
    t.store.onCommit((op) => model.onOp(op));
    model.buildNow();
    const orders = [['metrics.m0 DESC'], ['params.p1 ASC', 'attributes.run_name DESC'], ['tags.t0'], []];
    const searches: { filter: string; orderBy: string[] }[] = orders.flatMap((orderBy) => [
      { filter: '', orderBy },
      { filter: "metrics.m1 > 0 and params.p0 != 'a'", orderBy },
      { filter: randomFilter(rnd, runIds), orderBy },
    ]);
    const compare = async (round: number) => {
      expect(model.ready()).toBe(true);
      for (const { filter, orderBy: orderByText } of searches) {
        const clauses = unwrapSearch(parseRunsFilter(filter));
        const orderBy = unwrapSearch(parseOrderBy(orderByText, 'runs'));
        for (const viewType of [undefined, 'ALL'] as const) {
          const sql = compileRunsQuery({ experimentIds: ['0'], clauses, orderBy, viewType, limit: 31, offset: 5 });
          const expected = t.store.db.column<string>(sql.sql, sql.params);
          const search: ModelSearch = { experimentIds: ['0'], clauses, orderBy, viewType, offset: 5, limit: 31 };
          const context = `round ${round} | ${filter} | ${orderByText.join(', ')} | ${viewType}`;
          expect((await searchModelSliced(model, search, eagerSlicer()))!.map((r) => r.id), context).toEqual(expected);
          expect(searchModel(model, search)!.map((r) => r.id), context).toEqual(expected);
        }
      }
    };
    await compare(0);
    let t0 = 1_800_000_000_000;
    for (let round = 1; round <= 12; round++) {
      const id = pick(rnd, runIds);
      t0 += 10;
      const op = round % 4;
      if (op === 0) {
        const created = `f${round.toString(16).padStart(31, '0')}`;
        runIds.push(created);
        await t.store.commit({ type: 'run.create', runId: created, experimentId: '0', name: pick(rnd, ['a', 'z', 'Run-1']), userId: 'u', startTime: rnd() < 0.5 ? null : t0, artifactUri: 'a', tags: [{ key: 't0', value: pick(rnd, ['a', '😀', '']) }], time: t0 });
      } else if (op === 1) {
        await t.store.commit({ type: 'run.log', runId: id, metrics: { keys: ['m0', 'm1'], keyIdx: [0, 1], pts: Float64Array.from([t0, 1, pick(rnd, [Number.NaN, -1, 3, 1e300]), t0, 1, rnd() * 2 - 1]) }, params: [], tags: [{ key: 't0', value: pick(rnd, ['abc', 'A', '']) }], time: t0 });
      } else if (op === 2) {
        await t.store.commit({ type: 'run.delete', runId: id, time: t0 });
      } else {
        await t.store.commit({ type: 'run.update', runId: id, status: 'FINISHED', endTime: t0, name: pick(rnd, ['b', 'é', '']), time: t0 });
      }
      await compare(round);
    }
    expect(model.orders.stats.carried).toBeGreaterThan(0);
    expect(model.orders.stats.dropped).toBe(0);
    expect(model.stats.listsUpdatedInPlace).toBeGreaterThan(0); // runs read again or created: written into the list
    await t.store.close();
  }, 120_000);
});

describe('the read model writes changes into its lists in place', () => {
  it('updates a list, its columns and its orders in place for runs created and logged to, and answers as SQL does', async () => {
    const t = await openTestStore(tempDir());
    const rnd = prng(7031);
    await seedRandomRuns(t.store, rnd, 150, ['0']);
    const model = new RunsReadModel(t.store.db);
    t.store.onCommit((op) => model.onOp(op));
    model.buildNow();
    const clauses = unwrapSearch(parseRunsFilter("metrics.m0 > 0 and params.p1 != 'a'"));
    const orderBy = unwrapSearch(parseOrderBy(['metrics.m0 DESC'], 'runs'));
    const search: ModelSearch = { experimentIds: ['0'], clauses, orderBy, offset: 0, limit: 40 };
    const expected = () => {
      const sql = compileRunsQuery({ experimentIds: ['0'], clauses, orderBy, limit: 40, offset: 0 });
      return t.store.db.column<string>(sql.sql, sql.params);
    };
    expect((await searchModelSliced(model, search, eagerSlicer()))!.map((r) => r.id)).toEqual(expected()); // sorts and keeps the order
    const [list] = model.experimentRuns(['0']);
    const replacedBefore = model.stats.listsReplaced;
    let t0 = 1_900_000_000_000;
    for (let i = 0; i < 6; i++) {
      const runId = `e${String(i).padStart(31, '0')}`;
      t0 += 10;
      await t.store.commit({ type: 'run.create', runId, experimentId: '0', name: `late-${i}`, userId: 'u', startTime: t0, artifactUri: 'a', tags: [], time: t0 });
      expect(model.ready()).toBe(true); // the touched runs read again, as the search service does first
      expect(searchModel(model, search)!.map((r) => r.id)).toEqual(expected());
      await t.store.commit({ type: 'run.log', runId, metrics: { keys: ['m0'], keyIdx: [0], pts: Float64Array.from([t0, 0, i % 2 ? 5 - i : Number.NaN]) }, params: [{ key: 'p1', value: i % 3 ? 'b' : 'a' }], tags: [], time: t0 });
      expect(model.ready()).toBe(true);
      expect((await searchModelSliced(model, search, eagerSlicer()))!.map((r) => r.id)).toEqual(expected());
    }
    expect(model.experimentRuns(['0'])[0]).toBe(list); // the same list, grown
    expect(list!.length).toBe(156);
    expect(model.stats.listsUpdatedInPlace).toBe(12);
    expect(model.stats.listsReplaced).toBe(replacedBefore);
    await t.store.close();
  });

  it('never writes into a list a sliced search is reading: that search answers as of its start, the next ones as SQL does', async () => {
    const t = await openTestStore(tempDir());
    const rnd = prng(4242);
    await seedRandomRuns(t.store, rnd, 120, ['0']);
    const model = new RunsReadModel(t.store.db);
    t.store.onCommit((op) => model.onOp(op));
    model.buildNow();
    const clauses = unwrapSearch(parseRunsFilter(''));
    const orderBy = unwrapSearch(parseOrderBy(['metrics.m0 DESC'], 'runs'));
    const search: ModelSearch = { experimentIds: ['0'], clauses, orderBy, offset: 0, limit: 200 };
    const expected = () => {
      const sql = compileRunsQuery({ experimentIds: ['0'], clauses, orderBy, limit: 200, offset: 0 });
      return t.store.db.column<string>(sql.sql, sql.params);
    };
    await searchModelSliced(model, search, eagerSlicer()); // the order sorted and kept
    const atStart = expected();
    const [held] = model.experimentRuns(['0']);
    const heldIds = held!.map((r) => r.id);
    // a sliced search that stops at its first turn until released
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let paused!: () => void;
    const reachedTurn = new Promise<void>((r) => (paused = r));
    const slicer = new Slicer({ budgetMs: 0, checkEvery: 5, runLength: 4, turn: () => (paused(), gate) });
    const inFlight = searchModelSliced(model, search, slicer);
    await reachedTurn;
    await t.store.commit({ type: 'run.create', runId: `f${'0'.repeat(31)}`, experimentId: '0', name: 'top', userId: 'u', startTime: 1, artifactUri: 'a', tags: [], time: 1 });
    await t.store.commit({ type: 'run.log', runId: `f${'0'.repeat(31)}`, metrics: { keys: ['m0'], keyIdx: [0], pts: Float64Array.from([1, 0, 1e308]) }, params: [], tags: [], time: 1 });
    await t.store.commit({ type: 'run.delete', runId: atStart[0]!, time: 2 });
    const inPlaceBefore = model.stats.listsUpdatedInPlace;
    expect(model.ready()).toBe(true);
    expect(searchModel(model, search)!.map((r) => r.id)).toEqual(expected()); // meanwhile: the changes seen
    expect(model.stats.listsUpdatedInPlace).toBe(inPlaceBefore); // not in place: the list was held
    expect(held!.map((r) => r.id)).toEqual(heldIds);
    release();
    expect((await inFlight)!.map((r) => r.id)).toEqual(atStart);
    expect(expected()).toContain(`f${'0'.repeat(31)}`);
    expect(atStart).not.toContain(`f${'0'.repeat(31)}`);
    expect(model.ready()).toBe(true);
    expect((await searchModelSliced(model, search, eagerSlicer()))!.map((r) => r.id)).toEqual(expected());
    await t.store.close();
  });
});
