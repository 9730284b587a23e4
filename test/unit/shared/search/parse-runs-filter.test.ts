import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../shared/search/parse-filter';
import { parseRunsFilter } from '../../../../shared/search/parse-runs-filter';
import type { Clause, FilterTerm } from '../../../../shared/search/types';

/** A term without spans, clauses written as `metric a > 1`, for compact expectations. */
type Shape = string | { AND: Shape[] } | { OR: Shape[] } | { NOT: Shape };

const shapeOf = (term: FilterTerm): Shape => {
  if (!('bool' in term)) return `${term.entity} ${term.key} ${term.comparator} ${JSON.stringify(term.value)}`;
  if (term.bool === 'NOT') return { NOT: shapeOf(term.term) };
  return term.bool === 'AND' ? { AND: term.terms.map(shapeOf) } : { OR: term.terms.map(shapeOf) };
};

const shapes = (text: string): Shape[] => {
  const r = parseRunsFilter(text);
  if (!r.ok) throw new Error(`expected ${text} to parse, got: ${r.error.message}`);
  return r.value.map(shapeOf);
};

const rejected = (text: string) => {
  const r = parseRunsFilter(text);
  if (r.ok) throw new Error(`expected ${text} to be rejected`);
  const { message, offset, length } = r.error;
  return { message, mark: length === 0 && offset === text.length ? '<end>' : text.slice(offset, offset + length) };
};

const A = 'metric a > 1';
const B = "param b = \"x\"";
const C = "tag c = \"y\"";

// Filters MLflow's grammar reads (valid or not) parse exactly as parseFilter(…, 'runs') does.
describe('parseRunsFilter: filters in MLflow\'s grammar keep their meaning and messages', () => {
  it.each([
    '',
    'metrics.rmse < 1',
    "metrics.rmse < 1 and params.model = 'lr' AnD tags.\"mlflow.source.type\" = 'LOCAL'",
    "params.x = 'a or b' AND tags.y = 'not (this)'",
    "params.x = \"x OR y\"",
    'metrics.or > 1 and metrics.not < 2',
    "params.and = 'x' AND tags.`or` = 'y'",
    "tags.`a or b` = 'v'",
    "tags.'not x' = 'v'",
    "run_id NOT IN ('a', 'b')",
    "run_id not  in ('a')",
    'tags.x is not null',
    "params.x NOT LIKE 'a'",
    "metrics.a > 1 params.b = 'x'",
    "AND tags.x = 'a' AND AND",
    'AND',
    "foo.bar = 'x'",
    'metrics.a>1and metrics.b<2',
    'metrics.a >',
    "a = 'x'; b = 'y'",
    'metrics.a > 1 -- comment',
    "run_id IN ('a'",
  ])('%s', (text) => {
    expect(parseRunsFilter(text)).toEqual(parseFilter(text, 'runs'));
  });
});

describe('parseRunsFilter: OR, NOT and parentheses', () => {
  it.each<[string, Shape[]]>([
    ["metrics.a > 1 OR params.b = 'x'", [{ OR: [A, B] }]],
    ["metrics.a > 1 or params.b = 'x' oR tags.c = 'y'", [{ OR: [A, B, C] }]],
    // NOT binds tighter than AND, AND tighter than OR.
    ["metrics.a > 1 OR params.b = 'x' AND tags.c = 'y'", [{ OR: [A, { AND: [B, C] }] }]],
    ["metrics.a > 1 AND params.b = 'x' OR tags.c = 'y'", [{ OR: [{ AND: [A, B] }, C] }]],
    ["NOT metrics.a > 1 AND params.b = 'x'", [{ NOT: A }, B]],
    ["not metrics.a > 1 OR Not params.b = 'x'", [{ OR: [{ NOT: A }, { NOT: B }] }]],
    ["(metrics.a > 1 OR params.b = 'x') AND tags.c = 'y'", [{ OR: [A, B] }, C]],
    ["metrics.a > 1 AND (params.b = 'x' OR (tags.c = 'y' AND NOT (metrics.a > 1 OR params.b = 'x')))", [
      A,
      { OR: [B, { AND: [C, { NOT: { OR: [A, B] } }] }] },
    ]],
    ["NOT (metrics.a > 1 AND params.b = 'x')", [{ NOT: { AND: [A, B] } }]],
    // Groups of the same kind merge; a group of one term is that term; NOT NOT x is x.
    ["(metrics.a > 1 AND params.b = 'x') AND (tags.c = 'y')", [A, B, C]],
    ["metrics.a > 1 OR (params.b = 'x' OR tags.c = 'y')", [{ OR: [A, B, C] }]],
    ['((metrics.a > 1))', [A]],
    ['NOT NOT metrics.a > 1', [A]],
    ['NOT (NOT metrics.a > 1)', [A]],
    ['NOT NOT NOT metrics.a > 1', [{ NOT: A }]],
    // Stray ANDs at either end of the filter or of a group, repeated ANDs, as MLflow tolerates.
    ["AND (AND metrics.a > 1 OR params.b = 'x' AND) AND AND tags.c = 'y' AND", [{ OR: [A, B] }, C]],
    // Keywords inside strings, quoted keys and dotted keys are not keywords.
    ["params.x = 'a or b' OR tags.`not` = 'and'", [{ OR: ['param x = "a or b"', 'tag not = "and"'] }]],
    ["metrics.or > 1 OR params.and = 'x'", [{ OR: ['metric or > 1', 'param and = "x"'] }]],
    ["run_id NOT IN ('a') OR tags.x IS NOT NULL", [{ OR: ['attribute run_id NOT IN ["a"]', 'tag x IS NOT NULL null'] }]],
    ["NOT run_id IN ('a')", [{ NOT: 'attribute run_id IN ["a"]' }]],
    ["metrics.a>1 OR(params.b='x')", [{ OR: [A, B] }]],
  ])('%s', (text, expected) => {
    expect(shapes(text)).toEqual(expected);
  });

  it('gives clauses and groups their spans', () => {
    const text = "NOT metrics.a > 1 OR (params.b = 'x' AND tags.c = 'y')";
    const r = parseRunsFilter(text);
    if (!r.ok) throw new Error(r.error.message);
    const slice = (t: FilterTerm) => text.slice(t.span.offset, t.span.offset + t.span.length);
    const or = r.value[0] as Extract<FilterTerm, { terms: FilterTerm[] }>;
    expect(slice(or)).toBe(text);
    expect(or.terms.map(slice)).toEqual(['NOT metrics.a > 1', "params.b = 'x' AND tags.c = 'y'"]);
    const not = or.terms[0] as Extract<FilterTerm, { bool: 'NOT' }>;
    expect(slice(not.term as Clause)).toBe('metrics.a > 1');
  });
});

describe('parseRunsFilter: errors', () => {
  it.each([
    ['metrics.a > 1 OR', 'Invalid filter string at character 17: expected a condition after OR, found the end of the filter', '<end>'],
    ['(metrics.a > 1', "Invalid filter string at character 15: the '(' at character 1 is not closed", '<end>'],
    ['metrics.a > 1)', "Invalid filter string at character 14: ')' has no matching '('", ')'],
    ['NOT', 'Invalid filter string at character 4: expected a condition after NOT, found the end of the filter', '<end>'],
    ['()', "Invalid filter string at character 2: expected a condition after '(', found ')'", ')'],
    ['(metrics.a > 1 OR)', "Invalid filter string at character 18: expected a condition after OR, found ')'", ')'],
    ["metrics.a > 1 OR AND params.b = 'x'", "Invalid filter string at character 18: expected a condition after OR, found 'AND'", 'AND'],
    ["metrics.a > 1 AND NOT OR params.b = 'x'", "Invalid filter string at character 23: expected a condition after NOT, found 'OR'", 'OR'],
    // MLflow lets two clauses follow each other without AND; with OR around, that is an error.
    ["metrics.a > 1 params.b = 'x' OR tags.c = 'y'", "Invalid filter string at character 15: expected AND or OR between two conditions, found 'params'", 'params'],
    ["metrics.a > 1 (params.b = 'x')", "Invalid filter string at character 15: expected AND or OR between two conditions, found '('", '('],
    ["(metrics.a > 1 params.b = 'x')", "Invalid filter string at character 16: expected AND, OR or ')' between two conditions, found 'params'", 'params'],
    ['metrics.a > 1 OR metrics.b >', 'Invalid filter string at character 29: expected a value, found the end of the filter', '<end>'],
    ["(metrics.a > 1) OR params.b = 'x';", "Invalid filter string at character 34: expected AND or OR between two conditions, found ';'", ';'],
    [`${'('.repeat(101)}metrics.a > 1${')'.repeat(101)}`, 'Invalid filter string at character 101: parentheses nest more than 100 deep', '('],
  ])('%s', (text, message, mark) => {
    expect(rejected(text)).toEqual({ message, mark });
  });

  it('reads nesting up to the limit, and long NOT chains', () => {
    expect(shapes(`${'('.repeat(100)}metrics.a > 1${')'.repeat(100)}`)).toEqual([A]);
    expect(shapes(`${'NOT '.repeat(5001)}metrics.a > 1`)).toEqual([{ NOT: A }]);
  });

  it('checks the clauses of an extended filter with MLflow messages, at their place', () => {
    expect(rejected("metrics.a > 1 OR foo.b = 'x'")).toEqual({
      message: "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']",
      mark: 'foo',
    });
    expect(rejected("NOT (metrics.a > 1 OR params.b = 1)")).toEqual({
      message: "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 1",
      mark: '1',
    });
    // As in MLflow: identifier and value errors of every clause come before comparator errors.
    expect(rejected("metrics.a == 1 OR params.b = 1").message).toMatch(/^Expected a quoted string value for parameter/);
    expect(rejected('NOT metrics.a IS NULL').message).toBe(
      "IS NULL / IS NOT NULL is only supported for tags and params, not for 'metric' 'a'",
    );
  });

  it("keeps MLflow's messages where the filter does not stumble on OR, NOT or a parenthesis", () => {
    expect(rejected('metrics.a >')).toEqual({ message: "Invalid clause(s) in filter string: 'metrics.a', '>'", mark: '<end>' });
    expect(rejected('metrics.a').message).toBe("Invalid clause(s) in filter string: 'metrics.a'");
  });
});
