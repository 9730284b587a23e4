import { describe, expect, it } from 'vitest';
import { asNumber, availableFields, fieldValue, isNumericField, metricNumber, parseFieldId } from '../../../../../renderer/components/charts/run-fields';
import { makeRun } from './fixtures';

describe('run fields', () => {
  const run = makeRun('a', { params: { lr: '0.01', opt: 'adam' }, metrics: { loss: 0.5, bad: 'NaN', big: 'Infinity' } });

  it('lists params then metrics', () => {
    expect(availableFields([run, makeRun('b', { params: { batch: '32' } })]).map((f) => `${f.kind}:${f.key}`)).toEqual([
      'param:batch', 'param:lr', 'param:opt', 'metric:bad', 'metric:big', 'metric:loss',
    ]);
  });

  it('reads values, with MLflow NaN/Infinity strings as numbers', () => {
    expect(fieldValue(run, { kind: 'param', key: 'lr' })).toBe('0.01');
    expect(fieldValue(run, { kind: 'metric', key: 'loss' })).toBe(0.5);
    expect(fieldValue(run, { kind: 'metric', key: 'bad' })).toBeNaN();
    expect(fieldValue(run, { kind: 'metric', key: 'big' })).toBe(Infinity);
    expect(fieldValue(run, { kind: 'param', key: 'missing' })).toBeNull();
    expect(metricNumber('-Infinity')).toBe(-Infinity);
  });

  it('decides numeric or categorical axes', () => {
    expect(isNumericField(['1', '2.5', null])).toBe(true);
    expect(isNumericField(['1', 'adam'])).toBe(false);
    expect(isNumericField([NaN, 2])).toBe(true);
    expect(isNumericField([null, null])).toBe(false);
    expect(asNumber(' ')).toBeNull();
  });

  it('round-trips field ids, keys with colons included', () => {
    expect(parseFieldId('metric:a:b')).toEqual({ kind: 'metric', key: 'a:b' });
    expect(parseFieldId('nope:x')).toBeNull();
  });
});
