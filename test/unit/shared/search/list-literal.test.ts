import { describe, expect, it } from 'vitest';
import { decodePyStrings, pyIsLower } from '../../../../shared/search/list-literal';

describe('decodePyStrings', () => {
  it.each([
    ["'abc'", 'abc'],
    ['"abc"', 'abc'],
    ["'it''s'", 'its'],
    ["'a' 'b'", 'ab'],
    ["'a\\'b'", "a'b"],
    ["'tab\\there'", 'tab\there'],
    ["'\\x41\\u00e9'", 'Aé'],
    ["'back\\\\slash'", 'back\\slash'],
    ["'keep\\q'", 'keep\\q'],
  ])('%s → %j', (raw, decoded) => {
    expect(decodePyStrings(raw)).toBe(decoded);
  });
});

describe('pyIsLower (str.islower)', () => {
  it.each([
    ['abc123', true],
    ['a1b2c3d4e5f6', true],
    ['123', false],
    ['', false],
    ['aBc', false],
    ['é', true],
    ['É', false],
  ])('%j → %s', (s, lower) => {
    expect(pyIsLower(s)).toBe(lower);
  });
});
