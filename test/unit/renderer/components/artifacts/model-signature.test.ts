import { describe, expect, it } from 'vitest';
import { describeType, parseSignature } from '../../../../../renderer/components/artifacts/model-signature';

describe('model signature', () => {
  it('describes nested column types as MLflow writes them', () => {
    expect(describeType({ type: 'array', items: { type: 'string' } })).toBe('array<string>');
    expect(describeType({ type: 'object', properties: { a: { type: 'long' }, b: { type: 'array', items: { type: 'double' } } } })).toBe('object{a: long, b: array<double>}');
    expect(describeType({ type: 'map', values: { type: 'integer' } })).toBe('map<string, integer>');
    expect(describeType({ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 28, 28] } })).toBe('tensor float32 (-1, 28, 28)');
  });

  it('accepts specs already parsed (YAML lists) as well as JSON strings', () => {
    expect(parseSignature({ inputs: [{ name: 'x', type: 'long' }] })?.inputs).toEqual([{ name: 'x', type: 'long', required: true }]);
  });

  it('shows an unreadable spec as text instead of failing', () => {
    expect(parseSignature({ inputs: '[{not json' })?.inputs).toEqual([{ name: '(unreadable)', type: '[{not json', required: null }]);
    expect(parseSignature('nope')).toBeNull();
  });
});
