import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, openName, SealedNameTooLongError, sealName } from '../../../../../../electron/store/crypto/sealed/sealed-names';
import { damageOf } from './damage-of';

const key = randomBytes(32);
const parent = '1/0a1b2c/artifacts/model';

describe('sealed names', () => {
  it('round-trip, are deterministic per folder and differ across folders and keys', () => {
    for (const name of ['a', 'model.pkl', 'ünïcödé 名前 🚀', 'x'.repeat(MAX_NAME_BYTES), '.hidden', 'with space']) {
      const sealed = sealName(key, parent, name);
      expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(sealed.length).toBeLessThanOrEqual(255);
      expect(sealName(key, parent, name)).toBe(sealed);
      expect(openName(key, parent, sealed)).toBe(name);
      expect(sealName(key, `${parent}/sub`, name)).not.toBe(sealed);
      expect(sealName(randomBytes(32), parent, name)).not.toBe(sealed);
    }
    expect(sealName(key, parent, 'x'.repeat(MAX_NAME_BYTES)).length).toBe(255);
    expect(sealName(key, parent, 'a')).not.toBe(sealName(key, parent, 'b'));
  });

  it('keeps the parent and name apart (no ambiguity between "a/bc" and "a/b" + "c")', () => {
    expect(sealName(key, 'a/b', 'c')).not.toBe(sealName(key, 'a/', 'bc'));
  });

  it('refuses names over 163 bytes of UTF-8 with a clear error, and empty names', () => {
    expect(() => sealName(key, parent, 'x'.repeat(MAX_NAME_BYTES + 1))).toThrow(SealedNameTooLongError);
    expect(() => sealName(key, parent, 'é'.repeat(82))).toThrow(/at most 163 bytes of UTF-8.*this one is 164/);
    expect(() => sealName(key, parent, '')).toThrow(RangeError);
  });

  it('detects a name moved to another folder, a flipped bit, a cut name, another key and a second spelling', () => {
    const sealed = sealName(key, parent, 'weights.bin');
    expect(damageOf(() => openName(key, 'other', sealed))).toMatchObject({ unit: 'name', reason: 'authentication failed' });
    expect(damageOf(() => openName(randomBytes(32), parent, sealed)).reason).toBe('authentication failed');
    const bytes = Buffer.from(sealed, 'base64url');
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const bad = Buffer.from(bytes);
      bad[bit >> 3]! ^= 1 << (bit & 7);
      expect(damageOf(() => openName(key, parent, bad.toString('base64url'))).reason).toBe('authentication failed');
    }
    expect(damageOf(() => openName(key, parent, sealed.slice(0, -4))).unit).toBe('name');
    expect(damageOf(() => openName(key, parent, 'abc')).reason).toBe('truncated');
    expect(damageOf(() => openName(key, parent, 'not/base64')).reason).toBe('malformed');
    // 21 + 28 = 49 bytes take 66 characters, the last carrying 4 spare bits: flipping one spells the same bytes another way
    const odd = sealName(key, parent, 'abcdefghijklmnopqrstu');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const alias = odd.slice(0, -1) + alphabet[alphabet.indexOf(odd.at(-1)!) ^ 1]!;
    expect(Buffer.from(alias, 'base64url').equals(Buffer.from(odd, 'base64url'))).toBe(true);
    expect(damageOf(() => openName(key, parent, alias)).reason).toBe('malformed');
  });
});
