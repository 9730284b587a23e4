import { describe, expect, it } from 'vitest';
import type { Metric, Run } from '../../../../../shared/domain/tracking';
import { compareRows, onlyDiffering } from '../../../../../renderer/components/registry/compare-rows';

function run(id: string, params: Record<string, string>, metrics: Record<string, number | string>): Run {
  return {
    info: { run_id: id, run_uuid: id, run_name: id, experiment_id: '1', user_id: '', status: 'FINISHED', artifact_uri: '', lifecycle_stage: 'active' },
    data: {
      params: Object.entries(params).map(([key, value]) => ({ key, value })),
      metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, timestamp: 0, step: 0 }) as Metric),
    },
    inputs: {},
    outputs: {},
  };
}

describe('compareRows', () => {
  it('lines up params and metrics of the source runs, sorted naturally, with gaps as null', () => {
    const rows = compareRows([run('a', { C: '1.0', penalty: 'l2' }, { acc: 0.91, f1: 0.8 }), run('b', { C: '0.5', penalty: 'l2', depth10: 'x', depth2: 'y' }, { acc: 0.91 }), null]);
    expect(rows.map((r) => `${r.section}:${r.key}`)).toEqual(['params:C', 'params:depth2', 'params:depth10', 'params:penalty', 'metrics:acc', 'metrics:f1']);
    expect(rows.find((r) => r.key === 'penalty')).toMatchObject({ cells: ['l2', 'l2', null], differs: true });
    expect(rows.find((r) => r.key === 'C')?.cells).toEqual(['1.0', '0.5', null]);
  });

  it('compares metrics exactly but shows 6 significant digits', () => {
    const rows = compareRows([run('a', {}, { loss: 0.12345678 }), run('b', {}, { loss: 0.12345679 })]);
    expect(rows[0]).toEqual({ section: 'metrics', key: 'loss', cells: ['0.123457', '0.123457'], differs: true });
  });

  it('reads NaN and infinities sent as strings', () => {
    const rows = compareRows([run('a', {}, { loss: 'NaN' }), run('b', {}, { loss: 'Infinity' })]);
    expect(rows[0]?.cells).toEqual(['NaN', 'Infinity']);
  });

  it('keeps only the rows that differ when asked', () => {
    const rows = compareRows([run('a', { x: '1', y: '2' }, {}), run('b', { x: '1', y: '3' }, {})]);
    expect(onlyDiffering(rows).map((r) => r.key)).toEqual(['y']);
  });
});
