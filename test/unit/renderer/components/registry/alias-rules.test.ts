import { describe, expect, it } from 'vitest';
import { aliasEffect, aliasError, aliasHolder, aliasesOf } from '../../../../../renderer/components/registry/alias-rules';

const aliases = [
  { alias: 'champion', version: '3' },
  { alias: 'challenger', version: '4' },
  { alias: 'backup', version: '3' },
];

describe('alias rules', () => {
  it('accepts MLflow alias names and refuses the reserved and malformed ones', () => {
    expect(aliasError('champion')).toBeNull();
    expect(aliasError('prod-eu_2')).toBeNull();
    expect(aliasError('')).not.toBeNull();
    expect(aliasError('has space')).not.toBeNull();
    expect(aliasError('a@b')).not.toBeNull();
    expect(aliasError('Latest')).toContain('reserved');
    expect(aliasError('v12')).toContain('reserved');
    expect(aliasError('v1x')).toBeNull();
    expect(aliasError('x'.repeat(256))).not.toBeNull();
  });

  it('finds who holds an alias and what a version holds', () => {
    expect(aliasHolder(aliases, 'champion')).toBe('3');
    expect(aliasHolder(aliases, 'nobody')).toBeNull();
    expect(aliasesOf(aliases, '3')).toEqual(['backup', 'champion']);
    expect(aliasesOf(undefined, '3')).toEqual([]);
  });

  it('says whether setting an alias adds, moves or does nothing', () => {
    expect(aliasEffect(aliases, 'shadow', '4')).toBe('new');
    expect(aliasEffect(aliases, 'champion', '3')).toBe('noop');
    expect(aliasEffect(aliases, 'champion', '4')).toEqual({ movesFrom: '3' });
  });
});
