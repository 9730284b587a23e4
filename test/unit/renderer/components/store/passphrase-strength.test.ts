import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../../../../../renderer/components/store/passphrase-strength';

const level = (p: string) => passphraseStrength(p).level;

describe('passphrase strength hint', () => {
  it('asks for the minimum length first, counting what is typed', () => {
    expect(passphraseStrength('abc')).toEqual({ level: 'too-short', score: 0, hint: `Too short: use at least ${MIN_PASSPHRASE_LENGTH} characters (3 so far).` });
    expect(level('x'.repeat(MIN_PASSPHRASE_LENGTH - 1))).toBe('too-short');
  });
  it('counts repeats, sequences and common passwords down', () => {
    expect(level('aaaaaaaaaaaaaaaaaaaa')).toBe('weak');
    expect(level('1234567890123')).toBe('weak');
    expect(level('Password123!')).toBe('weak');
    expect(level('abcdefghijklmnop')).toBe('weak');
  });
  it('grows with length and kinds of characters', () => {
    expect(level('tulip-orbit')).toBe('fair');
    expect(level('tulip orbit canoe')).toBe('good');
    expect(level('correct horse battery staple')).toBe('strong');
    expect(level('Xq7#mP2$vL9@wR')).toBe('strong');
    const scores = ['short', 'kettle-7', 'tulip-orbit', 'tulip orbit canoe', 'correct horse battery staple'].map((p) => passphraseStrength(p).score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});
