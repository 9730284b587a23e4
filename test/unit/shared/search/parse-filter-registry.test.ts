import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../shared/search/parse-filter';

// Checked against MLflow 3.11 (SearchModelUtils / SearchModelVersionUtils + registry SQL store).

const value = (text: string, entity: 'registered_models' | 'model_versions') => {
  const r = parseFilter(text, entity);
  return r.ok ? r.value.map(({ span: _s, ...rest }) => rest) : r.error.message;
};

describe('parseFilter(registered_models)', () => {
  it.each([
    ["name = 'a'", [{ entity: 'attribute', key: 'name', comparator: '=', value: 'a' }]],
    ["name like 'a%'", [{ entity: 'attribute', key: 'name', comparator: 'LIKE', value: 'a%' }]],
    ["attribute.name = 'x'", [{ entity: 'attribute', key: 'name', comparator: '=', value: 'x' }]],
    ["tag.x = 'y'", [{ entity: 'tag', key: 'x', comparator: '=', value: 'y' }]],
    ["tags.`mlflow.prompt.is_prompt` != 'true'", [{ entity: 'tag', key: 'mlflow.prompt.is_prompt', comparator: '!=', value: 'true' }]],
  ])('accepts %s', (text, expected) => {
    expect(value(text, 'registered_models')).toEqual(expected);
  });

  it.each([
    ["name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ["name > 'a'", 'Invalid comparator for attribute: >'],
    ['tags.x LIKE 1', "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1"],
    ['name = 1', 'Expected a quoted string value or a list of quoted string values for attributes. Got value 1'],
    // The registry checks the key as written, before removing quotes.
    ["`name` = 'a'", "Invalid attribute key '`name`' specified. Valid keys are '{'name'}'"],
    ["run_id = 'a'", "Invalid attribute key 'run_id' specified. Valid keys are '{'name'}'"],
    ["metrics.x = 'a'", "Invalid entity type 'metrics'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ['tags.x IS NULL', 'Invalid comparison clause. Expected 3 tokens found 2'],
  ])('rejects %s', (text, message) => {
    expect(value(text, 'registered_models')).toBe(message);
  });
});

describe('parseFilter(model_versions)', () => {
  it.each([
    ["run_id IN ('a', 'B')", [{ entity: 'attribute', key: 'run_id', comparator: 'IN', value: ['a'] }]],
    ["source_path LIKE 'x%'", [{ entity: 'attribute', key: 'source_path', comparator: 'LIKE', value: 'x%' }]],
    ['version_number > 1', [{ entity: 'attribute', key: 'version_number', comparator: '>', value: 1 }]],
    ["version_number = '1'", [{ entity: 'attribute', key: 'version_number', comparator: '=', value: '1' }]],
    ["tags.x = 'y'", [{ entity: 'tag', key: 'x', comparator: '=', value: 'y' }]],
  ])('accepts %s', (text, expected) => {
    expect(value(text, 'model_versions')).toEqual(expected);
  });

  it.each([
    ["run_id NOT IN ('a')", 'Invalid comparator for attribute: NOT IN'],
    ["name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    ['version_number LIKE 1', 'Invalid comparator for attribute version_number: LIKE'],
    [
      'name = 1',
      "Only the '{'version_number', 'creation_timestamp', 'last_updated_timestamp'}' attributes support comparison with numeric values.",
    ],
    ["tags.x IN ('y')", "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('y')"],
    ["foo = 'x'", "Invalid attribute key 'foo' specified. Valid keys are '{'name', 'version_number', 'run_id', 'source_path'}'"],
  ])('rejects %s', (text, message) => {
    expect(value(text, 'model_versions')).toBe(message);
  });
});
