import { describe, expect, it } from 'vitest';
import { fieldOptionGroups, fieldOptionLabel } from '../../../../../renderer/components/charts/field-options';
import { availableFields, parseFieldId } from '../../../../../renderer/components/charts/run-fields';
import { makeRun } from './fixtures';

describe('field picker options', () => {
  it('tells a param and a metric of the same name apart, in label and in value', () => {
    const fields = availableFields([makeRun('a', { params: { lr: '0.1' }, metrics: { lr: 0.1, loss: 1 } })]);
    const groups = fieldOptionGroups(fields);
    expect(groups.map((g) => g.label)).toEqual(['Params', 'Metrics']);
    const options = groups.flatMap((g) => g.options);
    expect(options.map((o) => o.label)).toEqual(['param: lr', 'metric: loss', 'metric: lr']);
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    expect(options.map((o) => parseFieldId(o.value))).toEqual(fields);
  });

  it('leaves out an empty group and keeps colons in keys', () => {
    const groups = fieldOptionGroups([{ kind: 'metric', key: 'a:b' }]);
    expect(groups).toEqual([{ label: 'Metrics', options: [{ value: 'metric:a:b', label: 'metric: a:b' }] }]);
    expect(fieldOptionLabel({ kind: 'param', key: 'x' })).toBe('param: x');
  });
});
