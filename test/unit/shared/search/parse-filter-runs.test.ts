import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../shared/search/parse-filter';
import type { Clause } from '../../../../shared/search/types';

// Expectations were checked against MLflow 3.11's own parser and SQL store
// (SearchUtils.parse_search_filter + SqlAlchemyStore.search_runs).

const clauses = (text: string) => {
  const r = parseFilter(text, 'runs');
  if (!r.ok) throw new Error(`expected ${text} to parse, got: ${r.error.message}`);
  return r.value.map(({ span: _span, ...rest }) => rest);
};

const error = (text: string) => {
  const r = parseFilter(text, 'runs');
  if (r.ok) throw new Error(`expected ${text} to be rejected`);
  return r.error.message;
};

type Plain = Omit<Clause, 'span'>;
const c = (entity: Plain['entity'], key: string, comparator: Plain['comparator'], value: Plain['value']): Plain => ({
  entity,
  key,
  comparator,
  value,
});

describe('parseFilter(runs): accepted filters', () => {
  const cases: [string, Plain[]][] = [
    ['', []],
    ['   ', []],
    ['metrics.rmse < 1', [c('metric', 'rmse', '<', 1)]],
    ['metric.rmse >= -1.5e3', [c('metric', 'rmse', '>=', -1500)]],
    ['metrics.a > .5', [c('metric', 'a', '>', 0.5)]],
    ['metrics.a > 1.', [c('metric', 'a', '>', 1)]],
    ['metrics.a > -.5', [c('metric', 'a', '>', -0.5)]],
    ['metrics.a > 01', [c('metric', 'a', '>', 1)]],
    ['metrics.a>1', [c('metric', 'a', '>', 1)]],
    ['metrics.a >= 1E3', [c('metric', 'a', '>=', 1000)]],
    ["params.model = 'lr'", [c('param', 'model', '=', 'lr')]],
    ["param.model != 'lr'", [c('param', 'model', '!=', 'lr')]],
    ["parameter.x = 'a'", [c('param', 'x', '=', 'a')]],
    ["parameters.x = 'a'", [c('param', 'x', '=', 'a')]],
    ['params.x = "double"', [c('param', 'x', '=', 'double')]],
    ["params.x LIKE 'a%'", [c('param', 'x', 'LIKE', 'a%')]],
    ["params.x like 'a%'", [c('param', 'x', 'LIKE', 'a%')]],
    ["params.x ILIKE '%A_'", [c('param', 'x', 'ILIKE', '%A_')]],
    ["tags.x = ''", [c('tag', 'x', '=', '')]],
    ["tag.x != 'y'", [c('tag', 'x', '!=', 'y')]],
    ['tags."mlflow.runName" = "x"', [c('tag', 'mlflow.runName', '=', 'x')]],
    ["tags.mlflow.source.type = 'LOCAL'", [c('tag', 'mlflow.source.type', '=', 'LOCAL')]],
    ["tags.`my-tag` = 'v'", [c('tag', 'my-tag', '=', 'v')]],
    ["tags.`a.b` = 'v'", [c('tag', 'a.b', '=', 'v')]],
    ["tags.'a b' = 'v'", [c('tag', 'a b', '=', 'v')]],
    ["tags.`x`.`y` = 'a'", [c('tag', 'x`.`y', '=', 'a')]],
    ["params.x = 'it''s'", [c('param', 'x', '=', "it''s")]],
    ["params.x = 'it\\'s'", [c('param', 'x', '=', "it\\'s")]],
    ['metrics."a b" > 1', [c('metric', 'a b', '>', 1)]],
    ['`metrics`.a > 1', [c('metric', 'a', '>', 1)]],
    ['metric.`a`.b > 1', [c('metric', '`a`.b', '>', 1)]],
    ['metrics.1a > 1', [c('metric', '1a', '>', 1)]],
    ['metrics._a > 1', [c('metric', '_a', '>', 1)]],
    ['metrics.é > 1', [c('metric', 'é', '>', 1)]],
    ["status = 'FINISHED'", [c('attribute', 'status', '=', 'FINISHED')]],
    ["attributes.status = 'FINISHED'", [c('attribute', 'status', '=', 'FINISHED')]],
    ["attribute.`status` = 'x'", [c('attribute', 'status', '=', 'x')]],
    ['attribute."status" = \'x\'', [c('attribute', 'status', '=', 'x')]],
    ["attr.user_id = 'bob'", [c('attribute', 'user_id', '=', 'bob')]],
    ["run.artifact_uri LIKE '%x'", [c('attribute', 'artifact_uri', 'LIKE', '%x')]],
    ["run_name = 'x'", [c('attribute', 'run_name', '=', 'x')]],
    ['"run name" = \'x\'', [c('attribute', 'run_name', '=', 'x')]],
    ["`Run Name` = 'x'", [c('attribute', 'run_name', '=', 'x')]],
    ['attributes.created > 5', [c('attribute', 'start_time', '>', 5)]],
    ['Created > 5', [c('attribute', 'start_time', '>', 5)]],
    ['end_time <= 10', [c('attribute', 'end_time', '<=', 10)]],
    ["run_id IN ('a', 'b')", [c('attribute', 'run_id', 'IN', ['a', 'b'])]],
    ["run_id in ('a','123')", [c('attribute', 'run_id', 'IN', ['a'])]],
    ["run_id IN ('A', 'b')", [c('attribute', 'run_id', 'IN', ['b'])]],
    ["run_id NOT IN ('a', \"b\",)", [c('attribute', 'run_id', 'NOT IN', ['a', 'b'])]],
    ["run_id not  in ('a')", [c('attribute', 'run_id', 'NOT IN', ['a'])]],
    ["run_id IN('a' 'b')", [c('attribute', 'run_id', 'IN', ['ab'])]],
    ["datasets.name = 'train'", [c('dataset', 'name', '=', 'train')]],
    ["dataset.context LIKE 'tr%'", [c('dataset', 'context', 'LIKE', 'tr%')]],
    ["datasets.`name` = 'a'", [c('dataset', 'name', '=', 'a')]],
    ["datasets.digest NOT IN ('Abc')", [c('dataset', 'digest', 'NOT IN', [])]],
    ["datasets.name IN ('a', 'B')", [c('dataset', 'name', 'IN', ['a'])]],
    ['tags.x IS NULL', [c('tag', 'x', 'IS NULL', null)]],
    ['tags.x is not null', [c('tag', 'x', 'IS NOT NULL', null)]],
    ['params.x IS\tNULL', [c('param', 'x', 'IS NULL', null)]],
    [
      "metrics.rmse < 1 and params.model = 'lr' and attributes.status = 'FINISHED' and tags.\"mlflow.source.type\" = 'LOCAL'",
      [
        c('metric', 'rmse', '<', 1),
        c('param', 'model', '=', 'lr'),
        c('attribute', 'status', '=', 'FINISHED'),
        c('tag', 'mlflow.source.type', '=', 'LOCAL'),
      ],
    ],
    ["metrics.a >= 1 AnD params.b = 'x'", [c('metric', 'a', '>=', 1), c('param', 'b', '=', 'x')]],
    ["tags.x='a'AND tags.y='b'", [c('tag', 'x', '=', 'a'), c('tag', 'y', '=', 'b')]],
    // MLflow tolerates stray ANDs, and even clauses without one between them.
    ["tags.x = 'a' AND", [c('tag', 'x', '=', 'a')]],
    ["AND tags.x = 'a'", [c('tag', 'x', '=', 'a')]],
    ["params.x = 'a' AND AND params.y = 'b'", [c('param', 'x', '=', 'a'), c('param', 'y', '=', 'b')]],
    ['AND', []],
    ["metrics.a > 1 params.b = 'x'", [c('metric', 'a', '>', 1), c('param', 'b', '=', 'x')]],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(clauses(text)).toEqual(expected);
  });
});

describe('parseFilter(runs): rejected filters, with MLflow messages', () => {
  const NUMERIC = "'{'>', '>=', '!=', '=', '<', '<='}";
  const PARAM_TAG = "'{'!=', '=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'}";
  const STRING_ATTR = "'{'!=', '=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'}";
  const ATTRS =
    "'{'artifact_uri', 'end_time', 'run_id', 'run_name', 'start_time', 'status', 'user_id', 'created', 'Created', 'run name', 'Run name', 'Run Name'}'";
  const cases: [string, string][] = [
    ['metrics.a > 1 OR metrics.b > 2 OR x = 1', "Invalid clause(s) in filter string: 'OR', 'OR'"],
    ['(metrics.a > 1)', "Invalid clause(s) in filter string: '(metrics.a > 1)'"],
    ['metrics.a', "Invalid clause(s) in filter string: 'metrics.a'"],
    ['metrics.a >', "Invalid clause(s) in filter string: 'metrics.a', '>'"],
    ['= 1', "Invalid clause(s) in filter string: '=', '1'"],
    ["status = 'x';", "Invalid clause(s) in filter string: ';'"],
    ['metrics.a > 1 -- comment', "Invalid clause(s) in filter string: '-- comment'"],
    ["tags.x = 'unterminated", "Invalid clause(s) in filter string: 'tags.x', '=', ''', 'unterminated'"],
    ["run name = 'x'", "Invalid clause(s) in filter string: 'run'"],
    ['params.x IS NOTNULL', "Invalid clause(s) in filter string: 'params.x', 'IS', 'NOTNULL'"],
    [
      "a = 'x'; b = 'y'",
      'Search filter contained multiple expression "a = \'x\'; b = \'y\'". Provide AND-ed expression list.',
    ],
    ["foo.bar = 'x'", "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"],
    ["`metrics.a` > 1", "Invalid entity type '`metrics'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"],
    ["name = 'x'", `Invalid attribute key 'name' specified. Valid keys are ${ATTRS}`],
    ["a$b = 'x'", `Invalid attribute key 'a$b' specified. Valid keys are ${ATTRS}`],
    ["datasets.foo = 'x'", "Invalid dataset key 'foo' specified. Valid keys are '{'name', 'digest', 'context'}'"],
    ["metrics.a = 'x'", "Expected numeric value type for metric. Found 'x'"],
    ['metrics.a > abc', 'Expected numeric value type for metric. Found abc'],
    ['metrics.a IN (1)', 'Expected numeric value type for metric. Found (1)'],
    ['metrics.a>1and metrics.b<2', 'Expected numeric value type for metric. Found 1and'],
    ['params.x = 1', "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 1"],
    ["tags.x IN ('a')", "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')"],
    [
      'params.x = abc',
      'Parameter value is either not quoted or unidentified quote types used for string value abc. Use either single or double quotes.',
    ],
    [
      'tags.x = `a`',
      'Parameter value is either not quoted or unidentified quote types used for string value `a`. Use either single or double quotes.',
    ],
    ["attributes.created > '5'", "Expected numeric value type for numeric attribute: created. Found '5'"],
    ["start_time > 'x'", "Expected numeric value type for numeric attribute: start_time. Found 'x'"],
    ["status IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ['status = 1', 'Expected a quoted string value for attributes. Got value 1'],
    ['run_id IN ()', 'While parsing a list in the query, expected a non-empty list of string values, but got empty list'],
    ['run_id IN (,)', 'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.'],
    ['run_id IN (a)', 'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.'],
    [
      "run_id IN (1, 'a')",
      "While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: (1, 'a')",
    ],
    [
      'run_id IN (1)',
      'While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: (1,)',
    ],
    ['metrics.a == 1', `Invalid comparator '==' not one of ${NUMERIC}`],
    ['metrics.a <> 1', `Invalid comparator '<>' not one of ${NUMERIC}`],
    ['metrics.a ~ 1', `Invalid comparator '~' not one of ${NUMERIC}`],
    ['metrics.a NOT LIKE 1', `Invalid comparator 'NOT LIKE' not one of ${NUMERIC}`],
    ["params.x NOT LIKE 'a'", `Invalid comparator 'NOT LIKE' not one of ${PARAM_TAG}'`],
    ["tags.x rlike 'a'", `Invalid comparator 'RLIKE' not one of ${PARAM_TAG}`],
    ["status > 'x'", `Invalid comparator '>' not one of ${STRING_ATTR}'`],
    ['start_time LIKE 5', `Invalid comparator 'LIKE' not one of ${STRING_ATTR}`],
    ["datasets.name > 'x'", `Invalid comparator '>' not one of ${STRING_ATTR}`],
    ['metrics.a IS NULL', "IS NULL / IS NOT NULL is only supported for tags and params, not for 'metric' 'a'"],
    ['end_time IS NULL', "IS NULL / IS NOT NULL is only supported for tags and params, not for 'attribute' 'end_time'"],
    ["run_id = ('a')", "Invalid comparator '=' for a list of values; use IN or NOT IN"],
  ];
  it.each(cases)('%s', (text, message) => {
    expect(error(text)).toBe(message);
  });

  it('reports identifier and value errors of every clause before comparator errors', () => {
    // MLflow parses all clauses, then its store checks comparators.
    expect(error("metrics.a == 1 AND foo.b = 'x'")).toMatch(/^Invalid entity type 'foo'/);
    expect(error("metrics.a == 1 AND params.b = 1")).toMatch(/^Expected a quoted string value for parameter/);
  });
});
