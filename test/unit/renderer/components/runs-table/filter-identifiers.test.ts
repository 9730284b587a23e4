import { describe, expect, it } from 'vitest';
import { parseRunsFilter } from '../../../../../shared/search';
import { FILTER_ATTRIBUTES, comparatorsFor, quoteFilterKey, quoteFilterValue, splitFilterIdentifier } from '../../../../../renderer/components/runs-table/filter-identifiers';
import { tokenizeFilter } from '../../../../../renderer/components/runs-table/filter-tokens';

describe('filter identifiers', () => {
  it('quotes keys only where the grammar needs it, and the result parses', () => {
    for (const key of ['val_acc', 'acc.top1', 'my key', 'a-b', 'x/y', 'has`tick']) {
      const quoted = quoteFilterKey(key);
      expect(parseRunsFilter(`metrics.${quoted} > 1`).ok).toBe(true);
    }
    expect(quoteFilterKey('val_acc')).toBe('val_acc');
    expect(quoteFilterKey('my key')).toBe('`my key`');
    expect(quoteFilterValue("it's")).toBe(`"it's"`);
    expect(quoteFilterValue(`both ' and "`)).toBeNull();
  });

  it('splits an identifier into its entity and key', () => {
    expect(splitFilterIdentifier('metrics.val_acc')).toEqual({ prefix: 'metrics', entity: 'metrics', key: 'val_acc' });
    expect(splitFilterIdentifier('param.`my key`')).toEqual({ prefix: 'param', entity: 'params', key: 'my key' });
    expect(splitFilterIdentifier('params.`my ke')).toEqual({ prefix: 'params', entity: 'params', key: 'my ke' });
    expect(splitFilterIdentifier('status')).toEqual({ prefix: null, entity: 'attributes', key: 'status' });
    expect(splitFilterIdentifier('nope.x')).toEqual({ prefix: 'nope', entity: null, key: 'x' });
  });

  it('knows the attributes and comparators MLflow accepts', () => {
    expect(FILTER_ATTRIBUTES).toEqual(['artifact_uri', 'end_time', 'run_id', 'run_name', 'start_time', 'status', 'user_id']);
    expect(comparatorsFor('attributes', 'start_time')).toContain('>=');
    expect(comparatorsFor('attributes', 'run_id')).toContain('IN');
    expect(comparatorsFor('tags', 'x')).toContain('IS NULL');
  });
});

describe('filter tokens', () => {
  it('keeps what is being typed as an open token', () => {
    expect(tokenizeFilter("params.lr = 'ad").map((t) => [t.kind, t.text, !!t.open])).toEqual([['word', 'params.lr', false], ['op', '=', false], ['string', "'ad", true]]);
    expect(tokenizeFilter('metrics.`my k').map((t) => [t.kind, t.text, !!t.open])).toEqual([['word', 'metrics.`my k', true]]);
    expect(tokenizeFilter('(a >= -1.5e3) or "x y" = "z"').map((t) => t.kind)).toEqual(['lparen', 'word', 'op', 'number', 'rparen', 'word', 'word', 'op', 'string']);
  });
});
