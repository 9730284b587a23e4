import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../shared/search/parse-filter';

// search_logged_models has its own, different parser in MLflow 3.11
// (mlflow/utils/search_logged_model_utils.py); checked against it.

const parse = (text: string) => parseFilter(text, 'logged_models');

describe('parseFilter(logged_models)', () => {
  it.each([
    ["name = 'a'", [{ entity: 'attribute', key: 'name', comparator: '=', value: 'a' }]],
    ["attributes.model_type = 'agent'", [{ entity: 'attribute', key: 'model_type', comparator: '=', value: 'agent' }]],
    ['metrics.acc > 0.5', [{ entity: 'metric', key: 'acc', comparator: '>', value: 0.5 }]],
    ['metrics.acc >= -1e3', [{ entity: 'metric', key: 'acc', comparator: '>=', value: -1000 }]],
    ['metrics.acc > inf', [{ entity: 'metric', key: 'acc', comparator: '>', value: Infinity }]],
    ['metrics.`a b` > 1', [{ entity: 'metric', key: 'a b', comparator: '>', value: 1 }]],
    // Values only lose their single quotes: numbers and bare words are strings here.
    ['params.lr = 0.01', [{ entity: 'param', key: 'lr', comparator: '=', value: '0.01' }]],
    ['params.x = abc', [{ entity: 'param', key: 'x', comparator: '=', value: 'abc' }]],
    ['params.x = "abc"', [{ entity: 'param', key: 'x', comparator: '=', value: '"abc"' }]],
    ["params.x != 'it''s'", [{ entity: 'param', key: 'x', comparator: '!=', value: "it''s" }]],
    ["tags.x LIKE 'a%'", [{ entity: 'tag', key: 'x', comparator: 'LIKE', value: 'a%' }]],
    ["name IN ('a', 'B')", [{ entity: 'attribute', key: 'name', comparator: 'IN', value: ['a', 'B'] }]],
    ["name NOT IN ('a')", [{ entity: 'attribute', key: 'name', comparator: 'NOT IN', value: ['a'] }]],
    ['name IN ()', [{ entity: 'attribute', key: 'name', comparator: 'IN', value: [] }]],
    ['name IN (1, 2)', [{ entity: 'attribute', key: 'name', comparator: 'IN', value: ['1', '2'] }]],
    ['creation_time > 5', [{ entity: 'attribute', key: 'creation_timestamp', comparator: '>', value: 5 }]],
    ['last_updated_timestamp <= 10', [{ entity: 'attribute', key: 'last_updated_timestamp', comparator: '<=', value: 10 }]],
    ["status = 'READY'", [{ entity: 'attribute', key: 'status', comparator: '=', value: 'READY' }]],
    [
      "model_type = 'x' AND source_run_id = 'abc'",
      [
        { entity: 'attribute', key: 'model_type', comparator: '=', value: 'x' },
        { entity: 'attribute', key: 'source_run_id', comparator: '=', value: 'abc' },
      ],
    ],
  ])('accepts %s', (text, expected) => {
    const r = parse(text);
    expect(r.ok && r.value.map(({ span: _s, ...rest }) => rest)).toEqual(expected);
  });

  const STRING_OPS = "('=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN')";
  it.each([
    ['metric.acc > 0.5', "Invalid entity type: 'metric'. Expected one of ['attributes', 'metrics', 'params', 'tags']."],
    ["tags.x like 'a%'", `Invalid comparison operator for tags.x: 'like'. Expected one of ${STRING_OPS}.`],
    ["name ILIKE 'a' AND name > 'b'", `Invalid comparison operator for attributes.name: '>'. Expected one of ${STRING_OPS}.`],
    ['Metrics.x > 1', `Invalid comparison operator for attributes.Metrics.x: '>'. Expected one of ${STRING_OPS}.`],
    ['metrics.acc IN (1)', `Invalid comparison operator for metrics.acc: 'IN'. Expected one of ${STRING_OPS}.`],
    ["creation_time > 'x'", `could not convert string to float: "'x'"`],
    ['metrics.acc > abc', "could not convert string to float: 'abc'"],
    ['tags.x IS NULL', 'Invalid comparison: tags.xIS NULL. Expected a comparison with 3 tokens.'],
    [
      'metrics.acc > 1 OR name = \'x\'',
      "Invalid filter string: \"metrics.acc > 1 OR name = 'x'\". Expected a list of comparisons separated by 'AND' (e.g. 'metrics.loss > 0.1 AND params.lr = 0.01').",
    ],
    ["name = 'a'; name = 'b'", "Invalid filter string: \"name = 'a'; name = 'b'\". Expected a single SQL expression."],
    ["metrics.a <= ('A')", `could not convert string to float: "('A')"`],
    // Read left to right: a bad clause before a stray token is reported first ...
    ["metric.x > 1 OR name = 'a'", "Invalid entity type: 'metric'. Expected one of ['attributes', 'metrics', 'params', 'tags']."],
    // ... and every clause is parsed before unknown columns are noticed.
    ['run_id LIKE 1 AND metrics.a = "b"', `could not convert string to float: '"b"'`],
  ])('rejects %s', (text, message) => {
    const r = parse(text);
    expect(r.ok ? null : r.error.message).toBe(message);
  });

  it('rejects columns MLflow would fail on with an internal error', () => {
    const r = parse("foo = 'x'");
    expect(r.ok ? null : r.error.message).toMatch(/^Invalid attribute key 'foo' specified/);
  });
});
