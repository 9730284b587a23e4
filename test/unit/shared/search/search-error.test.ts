import { describe, expect, it } from 'vitest';
import { MlflowError } from '../../../../shared/domain/mlflow-error';
import { parseFilter, parseOrderBy, SearchSyntaxError, unwrapSearch } from '../../../../shared/search/index';

describe('unwrapSearch', () => {
  it('returns the parsed value', () => {
    expect(unwrapSearch(parseFilter("tags.a = 'b'", 'runs'))).toHaveLength(1);
  });

  it('throws an INVALID_PARAMETER_VALUE MlflowError (HTTP 400) carrying the position', () => {
    let caught: unknown;
    try {
      unwrapSearch(parseOrderBy(['metrics.a', 'bogus.x'], 'runs'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SearchSyntaxError);
    expect(caught).toBeInstanceOf(MlflowError);
    const err = caught as SearchSyntaxError;
    expect(err.code).toBe('INVALID_PARAMETER_VALUE');
    expect(err.status).toBe(400);
    expect(err.message).toBe("Invalid entity type 'bogus'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']");
    expect(err.item).toBe(1);
    expect([err.offset, err.length]).toEqual([0, 5]);
  });
});
