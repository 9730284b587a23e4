import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../shared/search/parse-filter';

// Checked against MLflow 3.11 (SearchExperimentsUtils + SqlAlchemyStore.search_experiments).

const parse = (text: string) => parseFilter(text, 'experiments');

describe('parseFilter(experiments)', () => {
  it.each([
    ["name = 'a'", [{ entity: 'attribute', key: 'name', comparator: '=', value: 'a' }]],
    ["name ILIKE '%A%'", [{ entity: 'attribute', key: 'name', comparator: 'ILIKE', value: '%A%' }]],
    ['name = "x"', [{ entity: 'attribute', key: 'name', comparator: '=', value: 'x' }]],
    ["`name` = 'a'", [{ entity: 'attribute', key: 'name', comparator: '=', value: 'a' }]],
    ["attribute.name != 'x'", [{ entity: 'attribute', key: 'name', comparator: '!=', value: 'x' }]],
    ['creation_time > 5', [{ entity: 'attribute', key: 'creation_time', comparator: '>', value: 5 }]],
    ['last_update_time <= 1.5', [{ entity: 'attribute', key: 'last_update_time', comparator: '<=', value: 1.5 }]],
    ["tags.x = 'y'", [{ entity: 'tag', key: 'x', comparator: '=', value: 'y' }]],
    ["tag.`a b` LIKE 'c%'", [{ entity: 'tag', key: 'a b', comparator: 'LIKE', value: 'c%' }]],
    ['tags."a.b" = \'c\'', [{ entity: 'tag', key: 'a.b', comparator: '=', value: 'c' }]],
    ['tags.x IS NULL', [{ entity: 'tag', key: 'x', comparator: 'IS NULL', value: null }]],
    ['tags.x IS NOT NULL', [{ entity: 'tag', key: 'x', comparator: 'IS NOT NULL', value: null }]],
  ])('accepts %s', (text, expected) => {
    const r = parse(text);
    expect(r.ok && r.value.map(({ span: _s, ...rest }) => rest)).toEqual(expected);
  });

  const STRING_ATTR = "'{'!=', '=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'}";
  it.each([
    // The experiment store does not upper-case comparators.
    ["name like 'a%'", `Invalid comparator 'like' not one of ${STRING_ATTR}'`],
    ["name NOT LIKE 'x'", `Invalid comparator 'NOT LIKE' not one of ${STRING_ATTR}'`],
    ["tags.x like 'y'", 'Invalid comparator for tag: like'],
    ["name > 'a'", `Invalid comparator '>' not one of ${STRING_ATTR}'`],
    ['creation_time LIKE 5', `Invalid comparator 'LIKE' not one of ${STRING_ATTR}`],
    ["creation_time > '5'", "Expected numeric value type for numeric attribute: creation_time. Found '5'"],
    ["name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ['name = x', 'Parameter value is either not quoted or unidentified quote types used for string value x. Use either single or double quotes.'],
    ['tags.x = 1', "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1"],
    ['name IS NULL', "IS NULL / IS NOT NULL is only supported for tags, not for attribute 'name'"],
    ["attributes.name = 'x'", "Invalid entity type 'attributes'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ["`tags`.x = 'y'", "Invalid entity type '`tags`'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ['metrics.x > 1', "Invalid entity type 'metrics'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ["experiment_id = '1'", "Invalid attribute key 'experiment_id' specified. Valid keys are '{'name', 'creation_time', 'last_update_time'}'"],
    ["name = 'a' OR name = 'b'", 'Invalid clause(s) in filter string: OR'],
  ])('rejects %s', (text, message) => {
    const r = parse(text);
    expect(r.ok ? null : r.error.message).toBe(message);
  });
});
