import { describe, expect, it } from 'vitest';
import type { Signature } from '../../../../../renderer/components/artifacts/model-signature';
import { describeField, diffSchemas } from '../../../../../renderer/components/registry/schema-diff';
import { parseVersionMlmodel } from '../../../../../renderer/components/registry/version-mlmodel';
import { SKLEARN_COLUMNS_MLMODEL, SKLEARN_TENSOR_MLMODEL } from './fixtures';

const v1: Signature = {
  inputs: [
    { name: 'age', type: 'double', required: true },
    { name: 'visits', type: 'long', required: true },
  ],
  outputs: [{ name: '[0]', type: 'tensor int64 (-1)', required: null }],
  params: null,
};
const v2: Signature = {
  inputs: [
    { name: 'age', type: 'double', required: true },
    { name: 'visits', type: 'double', required: true },
    { name: 'plan', type: 'string', required: false },
  ],
  outputs: [{ name: '[0]', type: 'tensor int64 (-1)', required: null }],
  params: [{ name: 'threshold', type: 'double', required: null, default: '0.5' }],
};

describe('diffSchemas', () => {
  it('lines fields up by name, marks changed and added ones, and keeps equal ones equal', () => {
    expect(diffSchemas([v1, v2])).toEqual([
      { part: 'inputs', name: 'age', cells: ['double', 'double'], differs: false },
      { part: 'inputs', name: 'visits', cells: ['long', 'double'], differs: true },
      { part: 'inputs', name: 'plan', cells: [null, 'string (optional)'], differs: true },
      { part: 'outputs', name: '[0]', cells: ['tensor int64 (-1)', 'tensor int64 (-1)'], differs: false },
      { part: 'params', name: 'threshold', cells: [null, 'double = 0.5'], differs: true },
    ]);
  });

  it('treats a version without a signature as having no fields', () => {
    const rows = diffSchemas([v1, null]);
    expect(rows.every((r) => r.differs && r.cells[1] === null)).toBe(true);
    expect(rows).toHaveLength(3);
  });

  it('finds nothing different between identical signatures', () => {
    expect(diffSchemas([v2, v2, v2]).some((r) => r.differs)).toBe(false);
  });

  it('compares a column model with a tensor model parsed from their MLmodel files', () => {
    const cols = parseVersionMlmodel(SKLEARN_COLUMNS_MLMODEL).signature;
    const tensor = parseVersionMlmodel(SKLEARN_TENSOR_MLMODEL).signature;
    const rows = diffSchemas([cols, tensor]);
    expect(rows.find((r) => r.part === 'inputs' && r.name === '[0]')?.cells).toEqual([null, 'tensor float32 (-1, 3)']);
    expect(rows.find((r) => r.part === 'outputs')).toMatchObject({ cells: ['tensor int64 (-1)', 'tensor float32 (-1, 2)'], differs: true });
  });
});

describe('describeField', () => {
  it('shows optional columns and param defaults', () => {
    expect(describeField({ name: 'a', type: 'long', required: true })).toBe('long');
    expect(describeField({ name: 'a', type: 'long', required: false })).toBe('long (optional)');
    expect(describeField({ name: 'k', type: 'long', required: null, default: '3' })).toBe('long = 3');
  });
});
