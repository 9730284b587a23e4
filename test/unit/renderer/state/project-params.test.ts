import { describe, expect, it } from 'vitest';
import { initialParamValues, isPythonFloat, paramHint, paramProblems, paramsToSend, type ParamSpec } from '../../../../renderer/state/project-params';

const PARAMS: ParamSpec[] = [
  { name: 'lr', type: 'float', default: 0.1 },
  { name: 'data', type: 'path' },
  { name: 'tag', type: 'string', default: 'base' },
  { name: 'src', type: 'uri', default: null },
];

describe('project parameter form', () => {
  it('starts from the defaults, empty for required ones, and puts undeclared prefill keys in the extras', () => {
    expect(initialParamValues(PARAMS)).toEqual({ declared: { lr: '0.1', data: '', tag: 'base', src: '' }, extra: [] });
    expect(initialParamValues(PARAMS, { lr: '0.5', data: 'x.csv', seed: '3' })).toEqual({
      declared: { lr: '0.5', data: 'x.csv', tag: 'base', src: '' },
      extra: [{ key: 'seed', value: '3' }],
    });
  });

  it('marks a float that is not a number and a required value left empty, naming the parameter', () => {
    const values = initialParamValues(PARAMS, { lr: 'fast' });
    expect(paramProblems(PARAMS, values)).toEqual({ lr: 'lr must be a number', data: 'data is required', src: 'src is required' });
    const fixed = initialParamValues(PARAMS, { lr: '1e-3', data: 'train.csv', src: 's3://b/k' });
    expect(paramProblems(PARAMS, fixed)).toEqual({});
  });

  it('accepts what Python float() accepts and refuses the rest', () => {
    for (const ok of ['1', '-2.5', '.5', '5.', '1e-3', '1E+4', ' 3 ', 'inf', '-Infinity', 'nan', '1_000.5']) expect(isPythonFloat(ok), ok).toBe(true);
    for (const bad of ['', 'abc', '1,5', '0x10', '1e', '--1', '1__0', '_1', '.']) expect(isPythonFloat(bad), bad).toBe(false);
  });

  it('checks extra rows: named, a valid key, not a declared one, not twice; empty rows are ignored', () => {
    const values = {
      declared: { lr: '1', data: 'd', tag: '', src: 'u' },
      extra: [{ key: '', value: '' }, { key: '', value: 'v' }, { key: 'a b', value: '1' }, { key: 'lr', value: '2' }, { key: 'k', value: '1' }, { key: 'k', value: '2' }],
    };
    expect(paramProblems(PARAMS, values)).toEqual({
      'extra.1': 'name this parameter',
      'extra.2': '"a b" is not a parameter name (letters, digits, _ . -)',
      'extra.3': 'lr is already a parameter of this entry point',
      'extra.5': 'k is given twice',
    });
  });

  it('sends typed values literally, leaves empty defaulted ones out (the default applies) and adds extras', () => {
    const values = { declared: { lr: '0.2', data: "a b; rm -rf '$HOME'", tag: '', src: 'u' }, extra: [{ key: ' seed ', value: '7' }, { key: '', value: '' }] };
    expect(paramsToSend(PARAMS, values)).toEqual({ lr: '0.2', data: "a b; rm -rf '$HOME'", src: 'u', seed: '7' });
  });

  it('hints at the type and the default', () => {
    expect(paramHint(PARAMS[0]!)).toBe('number, default 0.1');
    expect(paramHint(PARAMS[1]!)).toMatch(/^path .*required$/);
  });
});
