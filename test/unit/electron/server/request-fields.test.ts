import { describe, expect, it } from 'vitest';
import { keyValues, optBool, optEnum, optInt, optStringArray, reqRunId, reqString, toDouble } from '../../../../electron/server/request-fields';

describe('request fields', () => {
  it('reads int64 as numbers or numeric strings (Java and R send strings) and refuses fractions', () => {
    expect(optInt({ t: '1717000000000' }, 't')).toBe(1717000000000);
    expect(optInt({ t: 1.7e12 }, 't')).toBe(1.7e12);
    expect(optInt({ t: '5.0' }, 't')).toBe(5);
    expect(optInt({}, 't')).toBeUndefined();
    expect(() => optInt({ t: 1.5 }, 't')).toThrow(/expected an integer/);
    expect(() => optInt({ t: 'x' }, 't')).toThrow(/expected an integer/);
  });

  it('reads doubles, including the NaN and Infinity strings, and refuses booleans', () => {
    expect(toDouble('0.95', 'v')).toBe(0.95);
    expect(toDouble('NaN', 'v')).toBeNaN();
    expect(toDouble('-Infinity', 'v')).toBe(-Infinity);
    expect(() => toDouble(true, 'v')).toThrow(/expected a double/);
    expect(() => toDouble({}, 'v')).toThrow(/an object/);
  });

  it('accepts run_uuid for run_id and explains a missing required field', () => {
    expect(reqRunId({ run_uuid: 'abc' })).toBe('abc');
    expect(() => reqRunId({})).toThrow("Missing value for required parameter 'run_id'");
    expect(() => reqString({ name: '' }, 'name')).toThrow(/Missing value/);
  });

  it('reads enums by name or number, booleans loosely, and repeated query keys as lists', () => {
    expect(optEnum({ s: 3 }, 's', ['RUNNING', 'SCHEDULED', 'FINISHED'])).toBe('FINISHED');
    expect(optEnum({ s: 'FAILED' }, 's', ['FAILED'])).toBe('FAILED');
    expect(() => optEnum({ s: 'NOPE' }, 's', ['FAILED'])).toThrow(/one of FAILED/);
    expect(optBool({ b: 'TRUE' }, 'b')).toBe(true);
    expect(optStringArray({ ids: 'a' }, 'ids')).toEqual(['a']);
    expect(optStringArray({ ids: ['a', 2] }, 'ids')).toEqual(['a', '2']);
  });

  it('never walks a deeply nested bad value to describe it', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => reqString({ name: deep }, 'name')).toThrow(/Invalid value a list/);
    expect(() => keyValues({ tags: [{ key: 'k', value: { a: 1 } }] }, 'tags')).toThrow(/an object/);
  });
});
