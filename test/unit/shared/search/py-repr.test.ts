import { describe, expect, it } from 'vitest';
import { pyList, pyNumber, pySet, pyStr, pyTuple, pyTypeName } from '../../../../shared/search/py-repr';

describe('Python reprs used in messages', () => {
  it('quotes strings like repr()', () => {
    expect(pyStr('abc')).toBe("'abc'");
    expect(pyStr("it's")).toBe('"it\'s"');
    expect(pyStr('both \' and "')).toBe("'both \\' and \"'");
    expect(pyStr('a\nb\\')).toBe("'a\\nb\\\\'");
  });

  it('renders containers', () => {
    expect(pySet(['a', 'b'])).toBe("{'a', 'b'}");
    expect(pyList(['a'])).toBe("['a']");
    expect(pyTuple(['1'])).toBe('(1,)');
    expect(pyTuple(["'a'", '1.5'])).toBe("('a', 1.5)");
  });

  it('renders numbers and types', () => {
    expect(pyNumber(1000, false)).toBe('1000.0');
    expect(pyNumber(7, true)).toBe('7');
    expect(pyNumber(Infinity, false)).toBe('inf');
    expect(pyTypeName('x')).toBe("<class 'str'>");
    expect(pyTypeName(1)).toBe("<class 'int'>");
    expect(pyTypeName(null)).toBe("<class 'NoneType'>");
  });
});
