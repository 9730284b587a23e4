import { describe, expect, it } from 'vitest';
import { columnFor, type Column } from '../../../../../renderer/components/runs-table/columns';
import { buildAllRunsCsv, buildRunsCsv, csvField } from '../../../../../renderer/components/runs-table/csv';
import { buildDisplayRows } from '../../../../../renderer/components/runs-table/display-rows';
import { indexRun } from '../../../../../renderer/components/runs-table/run-values';
import { makeRun } from './runs-fixtures';

describe('csvField', () => {
  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
  });

  it('defuses spreadsheet formulas in text but leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-0.5')).toBe('-0.5');
    expect(csvField('-1e-3')).toBe('-1e-3');
    expect(csvField(-2)).toBe('-2');
  });

  it('spells out NaN and the infinities', () => {
    expect(csvField(NaN)).toBe('NaN');
    expect(csvField(-Infinity)).toBe('-Infinity');
  });
});

describe('buildRunsCsv', () => {
  const runs = [
    makeRun({ id: 'r1', name: 'first, "quoted"', start: Date.UTC(2024, 0, 2, 3, 4, 5), end: Date.UTC(2024, 0, 2, 3, 4, 6), params: { lr: '0.1' }, metrics: { loss: 0.123456789 } }),
    makeRun({ id: 'r2', name: '=evil()', params: { lr: '0.01' }, metrics: { loss: 'NaN' } }),
    makeRun({ id: 'r3', name: 'hidden', params: { lr: '0.1' }, metrics: { loss: 3 } }),
  ].map(indexRun);
  const cols: Column[] = [columnFor('attributes.start_time')!, columnFor('attributes.duration')!, columnFor('params.lr')!, columnFor('metrics.loss')!];
  const base = { pinned: new Set<string>(), hidden: new Set(['r3']), showHidden: false, onlyPinned: false, expanded: new Set<string>(), collapsedGroups: new Set<string>(), metricKeys: ['loss'], sort: null, now: 0, flat: false };

  it('writes the shown rows and columns, full precision, ISO times', () => {
    const csv = buildRunsCsv(buildDisplayRows({ ...base, records: runs, groupBy: null }), cols, 0);
    expect(csv.split('\r\n')).toEqual(['Run,Started,Duration (ms),params.lr,metrics.loss', '"first, ""quoted""",2024-01-02T03:04:05.000Z,1000,0.1,0.123456789', "'=evil(),,,0.01,NaN", '']);
  });

  it('adds the group column and a summary row per group when grouped', () => {
    const rows = buildDisplayRows({ ...base, hidden: new Set(), records: runs, groupBy: columnFor('params.lr')! });
    const lines = buildRunsCsv(rows, [columnFor('params.lr')!, columnFor('metrics.loss')!], 0).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'group,Run,params.lr,metrics.loss',
      'params.lr=0.01,1 run,0.01,',
      "params.lr=0.01,'=evil(),0.01,NaN",
      'params.lr=0.1,2 runs,0.1,min 0.123456789 · mean 1.5617283945 · max 3',
      'params.lr=0.1,"first, ""quoted""",0.1,0.123456789',
      'params.lr=0.1,hidden,0.1,3',
    ]);
  });

  describe('every matching run', () => {
    const under = (id: string) => ({ 'mlflow.parentRunId': id });
    const sweep = [
      makeRun({ id: 'c1', name: 'trial-1', metrics: { loss: 0.3 }, tags: under('p') }),
      makeRun({ id: 'c2', name: 'trial-2', metrics: { loss: 0.1 }, tags: under('p') }),
      makeRun({ id: 'g1', name: 'trial-2a', metrics: { loss: 0.2 }, tags: under('c2') }),
      makeRun({ id: 'o1', name: 'orphan', metrics: { loss: 0.5 }, tags: under('elsewhere') }),
      makeRun({ id: 'p', name: 'sweep' }),
    ].map(indexRun);
    const loss = [columnFor('metrics.loss')!, columnFor('attributes.run_id')!];

    it('writes every run in tree order, with its parent\'s id and name and its depth', () => {
      const lines = buildAllRunsCsv(sweep, loss, { columnId: 'metrics.loss', desc: false }, 0).trimEnd().split('\r\n');
      expect(lines).toEqual([
        'Run,run_id,parent_run_id,parent_run,depth,metrics.loss',
        'sweep,p,,,0,',
        'trial-2,c2,p,sweep,1,0.1',
        'trial-2a,g1,c2,trial-2,2,0.2',
        'trial-1,c1,p,sweep,1,0.3',
        'orphan,o1,elsewhere,,0,0.5',
      ]);
    });

    it('holds runs that the shown CSV leaves out (collapsed under their parent)', () => {
      const rows = buildDisplayRows({ ...base, hidden: new Set(), records: sweep, groupBy: null });
      expect(buildRunsCsv(rows, loss, 0).trimEnd().split('\r\n')).toHaveLength(1 + 2);
      expect(buildAllRunsCsv(sweep, loss, null, 0).trimEnd().split('\r\n')).toHaveLength(1 + sweep.length);
    });
  });
});
