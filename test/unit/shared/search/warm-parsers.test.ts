import { describe, expect, it } from 'vitest';
import { warmSearchParsers } from '../../../../shared/search/warm-parsers';

describe('warmSearchParsers', () => {
  it('parses its expressions through both filter grammars without an error', () => {
    expect(() => warmSearchParsers()).not.toThrow();
  });
});
