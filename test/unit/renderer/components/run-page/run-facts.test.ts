import { describe, expect, it } from 'vitest';
import {
  datasetContext, datasetSchema, formatDuration, formatMetricValue, runDuration, runSource, splitTags,
} from '../../../../../renderer/components/run-page/run-facts';

describe('run facts', () => {
  it.each([
    [850, '850 ms'], [12_340, '12.3 s'], [245_000, '4m 05s'], [7_380_000, '2h 03m'], [273_600_000, '3d 4h'], [-5, '—'], [Number.NaN, '—'],
  ])('formatDuration(%s) = %s', (ms, s) => expect(formatDuration(ms)).toBe(s));

  it('measures a finished run to its end and a running one to now', () => {
    expect(runDuration({ start_time: 1000, end_time: 4000, status: 'FINISHED' }, 9999)).toBe(3000);
    expect(runDuration({ start_time: 1000, status: 'RUNNING' }, 6000)).toBe(5000);
    expect(runDuration({ start_time: 1000, status: 'KILLED' }, 6000)).toBeNull();
    expect(runDuration({ status: 'SCHEDULED' }, 6000)).toBeNull();
  });

  it('reads the source from the mlflow.source tags', () => {
    const src = runSource([
      { key: 'mlflow.source.name', value: 'train.py' }, { key: 'mlflow.source.type', value: 'LOCAL' },
      { key: 'mlflow.source.git.commit', value: 'abc123def' }, { key: 'mlflow.source.git.branch', value: '' },
    ]);
    expect(src).toEqual({ name: 'train.py', type: 'LOCAL', commit: 'abc123def', branch: undefined, repoUrl: undefined });
  });

  it('splits user tags from mlflow.* tags, sorted', () => {
    const { user, system } = splitTags([{ key: 'team', value: 'a' }, { key: 'mlflow.user', value: 'u' }, { key: 'alpha', value: 'b' }, { key: 'mlflowish', value: 'c' }]);
    expect(user.map((t) => t.key)).toEqual(['alpha', 'mlflowish', 'team']);
    expect(system.map((t) => t.key)).toEqual(['mlflow.user']);
  });

  it('formats metric values from either transport, NaN and infinities included', () => {
    expect(formatMetricValue(0.123456789)).toBe('0.123457');
    expect(formatMetricValue(42)).toBe('42');
    expect(formatMetricValue(1.5e-7)).toBe('1.5000e-7');
    expect(formatMetricValue('NaN')).toBe('NaN');
    expect(formatMetricValue(Number.NaN)).toBe('NaN');
    expect(formatMetricValue(null)).toBe('NaN');
    expect(formatMetricValue('Infinity')).toBe('Infinity');
    expect(formatMetricValue('-Infinity')).toBe('-Infinity');
    expect(formatMetricValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('reads column and tensor dataset schemas', () => {
    expect(datasetSchema('{"mlflow_colspec": [{"type": "double", "name": "x", "required": true}, {"type": "string", "name": "y"}]}')).toEqual([
      { name: 'x', type: 'double' }, { name: 'y', type: 'string' },
    ]);
    const tensor = JSON.stringify({ mlflow_tensorspec: { features: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 4]}}]', targets: null } });
    expect(datasetSchema(tensor)).toEqual([{ name: 'features: [0]', type: 'tensor float64 (-1, 4)' }]);
    expect(datasetSchema('not json')).toBeNull();
    expect(datasetSchema(undefined)).toBeNull();
  });

  it('reads the dataset context tag', () => {
    expect(datasetContext({ dataset: { name: 'd', digest: '1', source_type: 'code', source: '{}' }, tags: [{ key: 'mlflow.data.context', value: 'training' }] })).toBe('training');
  });
});
