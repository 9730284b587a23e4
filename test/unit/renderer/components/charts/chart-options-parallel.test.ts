import { describe, expect, it } from 'vitest';
import { colourField, defaultParallelFields, leftOutNote, MISSING, parallelOption, parallelRows } from '../../../../../renderer/components/charts/chart-options-parallel';
import { LIGHT_THEME } from '../../../../../renderer/components/charts/chart-types';
import { runColor } from '../../../../../renderer/components/run-colors/run-colors';
import { fieldId } from '../../../../../renderer/components/charts/run-fields';
import { makeRun } from './fixtures';

const runs = [
  makeRun('a', { name: 'a<b>', params: { lr: '0.1', opt: 'adam', seed: '1' }, metrics: { loss: 1, 'system/cpu': 5 } }),
  makeRun('b', { params: { lr: '0.01', seed: '1' }, metrics: { loss: 2, 'system/cpu': 6 } }),
];

describe('parallel coordinates', () => {
  it('starts with the params and metrics that differ, system metrics last', () => {
    expect(defaultParallelFields(runs).map((f) => f.key)).toEqual(['lr', 'opt', 'loss']);
  });

  it('defaults to the params that vary and the metric sorted on, never a constant param', () => {
    const fields = defaultParallelFields(runs, 'system/cpu');
    expect(fields.map(fieldId)).toEqual(['param:lr', 'param:opt', 'metric:system/cpu']);
    expect(fields.map((f) => f.key)).not.toContain('seed');
    // a sorted metric the runs lack: the first metric instead
    expect(defaultParallelFields(runs, 'nope').map((f) => f.key)).toEqual(['lr', 'opt', 'loss']);
  });

  it('names axes by kind, puts a param spanning orders of magnitude on a log axis with short ticks, colours lines by the metric', () => {
    const sweep = [1e-5, 3e-4, 2e-2, 0.2].map((lr, i) => makeRun(`s${i}`, { params: { lr: String(lr), layers: String(2 + i) }, metrics: { val_loss: 1 + i } }));
    const fields = defaultParallelFields(sweep);
    const lead = { kind: 'metric' as const, key: 'val_loss' };
    expect(colourField(fields, lead)).toEqual(lead);
    const option = parallelOption({ runs: sweep, fields, theme: LIGHT_THEME, colourBy: lead });
    const axes = option.parallelAxis as { name: string; type: string; axisLabel: { formatter?: (v: number) => string } }[];
    expect(axes.map((a) => a.name)).toEqual(['param · layers', 'param · lr', 'metric · val_loss']);
    expect(axes.map((a) => a.type)).toEqual(['value', 'log', 'value']);
    expect(axes[1]!.axisLabel.formatter!(0.0000000025)).toBe('2.5e-9');
    expect(option.visualMap).toMatchObject({ dimension: 2, min: 1, max: 4 });
    const data = (option.series as { data: { lineStyle?: unknown }[] }[])[0]!.data;
    expect(data.every((d) => d.lineStyle === undefined)).toBe(true); // the colour scale colours them

    // a metric spanning orders of magnitude: coloured by its log10, an extra value after the axes'
    const wide = sweep.map((r, i) => ({ ...r, data: { ...r.data, metrics: [{ key: 'val_loss', value: 10 ** -i, timestamp: 0, step: 0 }] } }));
    const logged = parallelOption({ runs: wide, fields, theme: LIGHT_THEME, colourBy: lead });
    expect(logged.visualMap).toMatchObject({ dimension: 3, min: -3, max: 0, text: ['1', '0.001'] });
    expect((logged.series as { data: { value: number[] }[] }[])[0]!.data.map((d) => d.value[3])).toEqual([0, -1, -2, -3]);

    // every run with the same value: no colour scale, the run colours
    const flat = sweep.map((r) => ({ ...r, data: { ...r.data, metrics: [{ key: 'val_loss', value: 1, timestamp: 0, step: 0 }] } }));
    const same = parallelOption({ runs: flat, fields, theme: LIGHT_THEME, colourBy: lead });
    expect(same.visualMap).toBeUndefined();
    expect((same.series as { data: { lineStyle?: { color: string } }[] }[])[0]!.data[0]!.lineStyle?.color).toBe(runColor('s0'));
  });

  it('has a numeric axis for numbers, a category axis for text (missing as its own category), a line per run in its colour', () => {
    const fields = [...defaultParallelFields(runs), { kind: 'metric' as const, key: 'system/cpu' }];
    const option = parallelOption({ runs, fields, theme: LIGHT_THEME });
    const axes = option.parallelAxis as { dim: number; type: string; data?: string[] }[];
    expect(axes.map((a) => a.type)).toEqual(['value', 'category', 'value', 'value']);
    expect(axes[1]!.data).toEqual([MISSING, 'adam'].sort());
    const data = (option.series as { data: { value: unknown[]; lineStyle: { color: string } }[] }[])[0]!.data;
    expect(data[0]!.value).toEqual([0.1, 'adam', 1, 5]);
    expect(data[1]!.value).toEqual([0.01, MISSING, 2, 6]);
    expect(data.map((d) => d.lineStyle.color)).toEqual([runColor('a'), runColor('b')]);
  });

  it('escapes the tooltip', () => {
    const option = parallelOption({ runs, fields: defaultParallelFields(runs), theme: LIGHT_THEME });
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ dataIndex: 0 });
    expect(html).toContain('a&lt;b&gt;');
    expect(html).toContain('lr');
  });

  it('leaves out a run missing a number on a numeric axis instead of drawing through it, and says so', () => {
    const sparse = [
      makeRun('a', { params: { epochs: '10', opt: 'adam' }, metrics: { loss: 1 } }),
      makeRun('b', { params: { opt: 'sgd' }, metrics: { loss: 2 } }), // no epochs
      makeRun('c', { params: { epochs: '21', opt: 'rms' }, metrics: { loss: 'NaN' } }), // no finite loss
      makeRun('d', { params: { epochs: '15' }, metrics: { loss: 3 } }), // no opt: drawn at "(none)"
    ];
    const fields = [
      { kind: 'param' as const, key: 'epochs' },
      { kind: 'param' as const, key: 'opt' },
      { kind: 'metric' as const, key: 'loss' },
    ];
    const rows = parallelRows(sparse, fields);
    expect(rows.drawn.map((r) => r.info.run_id)).toEqual(['a', 'd']);
    expect(rows.leftOut.map((l) => [l.run.info.run_id, l.missing.map((f) => f.key)])).toEqual([['b', ['epochs']], ['c', ['loss']]]);

    const option = parallelOption({ runs: sparse, fields, theme: LIGHT_THEME });
    const data = (option.series as { data: { value: unknown[] }[] }[])[0]!.data;
    expect(data.map((d) => d.value)).toEqual([[10, 'adam', 1], [15, MISSING, 3]]);
    expect(data.flatMap((d) => d.value)).not.toContain('-');
    // categories only of the runs drawn; the tooltip names the drawn run
    expect((option.parallelAxis as { data?: string[] }[])[1]!.data).toEqual([MISSING, 'adam'].sort());
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ dataIndex: 1 });
    expect(html).toContain('run-d');

    expect(leftOutNote(rows.leftOut)).toBe('2 runs without a number for param · epochs or metric · loss left out');
    expect(leftOutNote(parallelRows(sparse.slice(0, 2), fields).leftOut)).toBe('1 run without a number for param · epochs left out');
    expect(leftOutNote([])).toBeNull();
  });
});

