import { describe, expect, it } from 'vitest';
import { chartCsv, csvCell } from '../../../../../renderer/components/charts/chart-csv';
import { DEFAULT_SETTINGS } from '../../../../../renderer/components/charts/chart-types';
import { plotLines } from '../../../../../renderer/components/charts/plot-lines';
import { makeSeries } from './fixtures';

const runs = [
  { id: 'a', name: 'alpha, "the first"', color: '#111' },
  { id: 'b', name: '=HYPERLINK("x")', color: '#222' },
];
const data = { a: makeSeries('a', 'k', [1, null, 3]), b: makeSeries('b', 'k', [4, 5, 6]) };

describe('CSV export', () => {
  it('writes the points shown, one row each, with a header', () => {
    const csv = chartCsv(plotLines(runs, data, DEFAULT_SETTINGS), null);
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('run_id,run_name,step,timestamp,value');
    expect(rows).toHaveLength(7);
    expect(rows[1]).toBe('a,"alpha, ""the first""",0,0,1');
    expect(rows[2]).toBe('a,"alpha, ""the first""",1,1000,'); // NaN: an empty cell
  });

  it('keeps only the zoom window and adds the smoothed column when smoothing', () => {
    const lines = plotLines(runs, data, { ...DEFAULT_SETTINGS, smoothing: 0.5 });
    const rows = chartCsv(lines, [1, 2]).trimEnd().split('\r\n');
    expect(rows[0]).toBe('run_id,run_name,step,timestamp,value,smoothed');
    expect(rows.slice(1).map((r) => r.split(',').at(-4))).toEqual(['1', '2', '1', '2']);
  });

  it('defuses spreadsheet formulas in text cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(Infinity)).toBe('');
  });
});
