import { describe, expect, it } from 'vitest';
import { validateBatchSize, validateExperimentName, validateKey, validateParams, validateRunId, validateNewRunTags, validateRunTags } from '../../../../electron/services/validation';

describe('validation', () => {
  it.each(['loss', 'train/loss', 'a b', 'acc:top-1', 'métrique', 'x.y_z-1'])('accepts the key %j', (key) => {
    expect(() => validateKey('metric', key)).not.toThrow();
  });

  it.each(['', '/lead', 'trail/', 'a//b', 'a/../b', './a', '.', 'semi;colon', 'a\\b', 'x'.repeat(251)])('refuses the key %j with a 400', (key) => {
    expect(() => validateKey('param', key)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMETER_VALUE' }));
  });

  it('truncates long param and tag values as MLflow does (not the tags a run is created with), and refuses a param key twice in one batch', () => {
    expect(validateParams([{ key: 'p', value: 'x'.repeat(7000) }])[0]!.value).toHaveLength(6000);
    expect(validateRunTags([{ key: 't', value: 'y'.repeat(9000) }])[0]!.value).toHaveLength(8000);
    expect(validateNewRunTags([{ key: 't', value: 'y'.repeat(9000) }])[0]!.value).toHaveLength(9000);
    expect(() => validateParams([{ key: 'p', value: '1' }, { key: 'p', value: '1' }])).toThrow("Duplicate parameter keys have been submitted: ['p']");
    expect(() => validateParams([{ key: 'p', value: '1' }, { key: 'p', value: '2' }])).toThrow(/Duplicate parameter keys/);
  });

  it('enforces the log-batch limits', () => {
    expect(() => validateBatchSize(1000, 100, 100)).toThrow(/at most 1000 metrics, params, and tags in total/);
    expect(() => validateBatchSize(1001, 0, 0)).toThrow(/at most 1000 metrics/);
    expect(() => validateBatchSize(0, 101, 0)).toThrow(/at most 100 params/);
    expect(() => validateBatchSize(0, 0, 101)).toThrow(/at most 100 tags/);
    expect(() => validateBatchSize(800, 100, 100)).not.toThrow();
  });

  it('treats ids as opaque tokens, never paths', () => {
    expect(validateRunId('0123456789abcdef0123456789abcdef')).toHaveLength(32);
    for (const bad of ['../x', 'a/b', 'a\\b', '%2e%2e', '', 'x'.repeat(300), 'a\u0000b']) expect(() => validateRunId(bad)).toThrow(/run_id/);
  });

  it('requires a non-empty experiment name of at most 500 characters', () => {
    expect(() => validateExperimentName('')).toThrow(/non-empty/);
    expect(() => validateExperimentName('n'.repeat(501))).toThrow(/maximum length/);
    expect(validateExperimentName(' spaced ')).toBe(' spaced ');
  });
});
