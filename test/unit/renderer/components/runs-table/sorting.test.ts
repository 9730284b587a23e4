import { describe, expect, it } from 'vitest';
import { parseOrderBy } from '../../../../../shared/search';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { compareValues, firstSortDesc, isClientSort, nextSort, orderRecords, rememberSort, sortToOrderBy } from '../../../../../renderer/components/runs-table/sorting';
import { makeRun } from './runs-fixtures';

describe('sort → MLflow order_by', () => {
  it('maps attributes, metrics, params and tags', () => {
    expect(sortToOrderBy(null)).toEqual([]);
    expect(sortToOrderBy({ columnId: 'metrics.loss', desc: true })).toEqual(['metrics.`loss` DESC']);
    expect(sortToOrderBy({ columnId: 'params.lr', desc: false })).toEqual(['params.`lr` ASC']);
    expect(sortToOrderBy({ columnId: 'tags.team', desc: false })).toEqual(['tags.`team` ASC']);
    expect(sortToOrderBy({ columnId: 'attributes.run_name', desc: false })).toEqual(['attributes.run_name ASC']);
    expect(sortToOrderBy({ columnId: 'attributes.source', desc: true })).toEqual(['tags.`mlflow.source.name` DESC']);
  });

  it('leaves to the client what MLflow cannot order by', () => {
    expect(sortToOrderBy({ columnId: 'attributes.duration', desc: true })).toBeNull();
    expect(isClientSort({ columnId: 'attributes.duration', desc: true })).toBe(true);
    for (const odd of ['a`b', 'say "hi"', 'back\\slash', 'two\nlines']) expect(sortToOrderBy({ columnId: `metrics.${odd}`, desc: true })).toBeNull();
    expect(isClientSort({ columnId: 'metrics.loss', desc: true })).toBe(false);
  });

  it.each(['loss', 'val loss', 'val.loss', "it's", 'ünï-cödé/x', 'a (b) = c, d', 'mlflow.source.name'])('produces an order_by the server parses back to the same key: %s', (key) => {
    for (const kind of ['metrics', 'params', 'tags'] as const) {
      const orderBy = sortToOrderBy({ columnId: `${kind}.${key}`, desc: true })!;
      const parsed = parseOrderBy(orderBy, 'runs');
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.value[0]).toMatchObject({ key, ascending: false });
    }
  });

  it('parses for every server-sortable attribute', () => {
    for (const a of ['run_name', 'status', 'start_time', 'end_time', 'user_id', 'run_id']) {
      expect(parseOrderBy(sortToOrderBy({ columnId: `attributes.${a}`, desc: false }), 'runs').ok).toBe(true);
    }
  });
});

describe('client-side ordering', () => {
  it('cycles ascending, descending, default', () => {
    const a = nextSort(null, 'metrics.loss');
    expect(a).toEqual({ columnId: 'metrics.loss', desc: false });
    const b = nextSort(a, 'metrics.loss');
    expect(b).toEqual({ columnId: 'metrics.loss', desc: true });
    expect(nextSort(b, 'metrics.loss')).toBeNull();
    expect(nextSort(b, 'params.lr')).toEqual({ columnId: 'params.lr', desc: false });
  });

  it('sorts a metric first the way its name says is better, then the other way, then back to the default', () => {
    const a = nextSort(null, 'metrics.val_acc');
    expect(a).toEqual({ columnId: 'metrics.val_acc', desc: true });
    const b = nextSort(a, 'metrics.val_acc');
    expect(b).toEqual({ columnId: 'metrics.val_acc', desc: false });
    expect(nextSort(b, 'metrics.val_acc')).toBeNull();
    expect(nextSort(b, 'metrics.val_loss')).toEqual({ columnId: 'metrics.val_loss', desc: false });
  });

  it('sorts other columns first the way they were last sorted, else ascending', () => {
    const memory = { 'params.lr': true, 'metrics.val_loss': true };
    expect(firstSortDesc('params.lr', memory)).toBe(true);
    expect(firstSortDesc('params.layers', memory)).toBe(false);
    // a name that says wins over the memory
    expect(firstSortDesc('metrics.val_loss', memory)).toBe(false);
    const a = nextSort(null, 'params.lr', memory);
    expect(a).toEqual({ columnId: 'params.lr', desc: true });
    const b = nextSort(a, 'params.lr', memory);
    expect(b).toEqual({ columnId: 'params.lr', desc: false });
    expect(nextSort(b, 'params.lr', memory)).toBeNull();
  });

  it('remembers a column\'s direction when its sort is left, not while it is cycled', () => {
    const m0 = {};
    const lrDesc = { columnId: 'params.lr', desc: true };
    expect(rememberSort(m0, null, lrDesc)).toBe(m0);
    expect(rememberSort(m0, { columnId: 'params.lr', desc: false }, lrDesc)).toBe(m0);
    expect(rememberSort(m0, lrDesc, null)).toEqual({ 'params.lr': true });
    expect(rememberSort(m0, lrDesc, { columnId: 'metrics.loss', desc: false })).toEqual({ 'params.lr': true });
    const m1 = { 'params.lr': true };
    expect(rememberSort(m1, lrDesc, null)).toBe(m1);
  });

  it('puts missing and NaN last either way', () => {
    const vals = [3, null, NaN, 1, 2];
    expect([...vals].sort((x, y) => compareValues(x, y, false)).slice(0, 3)).toEqual([1, 2, 3]);
    expect([...vals].sort((x, y) => compareValues(x, y, true)).slice(0, 3)).toEqual([3, 2, 1]);
  });

  it('compares text naturally', () => {
    expect(['run-10', 'run-9', 'run-100'].sort((x, y) => compareValues(x, y, false))).toEqual(['run-9', 'run-10', 'run-100']);
  });

  it('sorts by duration (client), keeping the server order for server sorts', () => {
    const recs = [
      makeRun({ id: 'a', start: 0, end: 300 }),
      makeRun({ id: 'b', start: 0, end: 100 }),
      makeRun({ id: 'c' }),
      makeRun({ id: 'd', start: 0, end: 200 }),
    ].map(indexRun);
    expect(orderRecords(recs, { columnId: 'attributes.duration', desc: false }, 0).map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(orderRecords(recs, { columnId: 'attributes.duration', desc: true }, 0).map((r) => r.id)).toEqual(['a', 'd', 'b', 'c']);
    expect(orderRecords(recs, { columnId: 'metrics.loss', desc: true }, 0)).toBe(recs);
  });

  it('keeps the runs as the server read them when it read them in this sort', () => {
    const recs = [makeRun({ id: 'a', metrics: { loss: 1 } }), makeRun({ id: 'b', metrics: { loss: 2 } })].map(indexRun);
    const sort = { columnId: 'metrics.loss', desc: false };
    expect(orderRecords(recs, sort, 0, { ...sort })).toBe(recs);
    expect(orderRecords(recs, null, 0, sort)).toBe(recs);
  });

  it('orders runs read in another order as the store would: value, NaN, missing, then newest start, then id', () => {
    const recs = [
      makeRun({ id: 'missing', start: 9 }),
      makeRun({ id: 'nan', start: 1, metrics: { loss: NaN } }),
      makeRun({ id: 'b-old', start: 1, metrics: { loss: 2 } }),
      makeRun({ id: 'b-new', start: 5, metrics: { loss: 2 } }),
      makeRun({ id: 'z-tie', start: 3, metrics: { loss: 1 } }),
      makeRun({ id: 'a-tie', start: 3, metrics: { loss: 1 } }),
      makeRun({ id: 'no-start', metrics: { loss: 1 } }),
    ].map(indexRun);
    const ids = (desc: boolean) => orderRecords(recs, { columnId: 'metrics.loss', desc }, 0, null).map((r) => r.id);
    expect(ids(false)).toEqual(['a-tie', 'z-tie', 'no-start', 'b-new', 'b-old', 'nan', 'missing']);
    expect(ids(true)).toEqual(['b-new', 'b-old', 'a-tie', 'z-tie', 'no-start', 'nan', 'missing']);
  });

  it('orders text by code units (as SQL does) and by run name, when the app sorts for the server', () => {
    const recs = [
      makeRun({ id: 'r1', name: 'b', params: { opt: 'adam' } }),
      makeRun({ id: 'r2', name: 'a', params: { opt: 'SGD' } }),
      makeRun({ id: 'r3', name: 'C' }),
    ].map(indexRun);
    expect(orderRecords(recs, { columnId: 'params.opt', desc: false }, 0, null).map((r) => r.id)).toEqual(['r2', 'r1', 'r3']);
    expect(orderRecords(recs, { columnId: 'attributes.run_name', desc: false }, 0, null).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
  });
});
