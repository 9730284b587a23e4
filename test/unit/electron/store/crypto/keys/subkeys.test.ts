import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyMaterial } from '../../../../../../electron/store/crypto/keys/key-material';
import { SUBKEY_PURPOSES, deriveSubkey, generateDataKey, subkeyInfo, type SubkeyPurpose } from '../../../../../../electron/store/crypto/keys/subkeys';

describe('data key and subkeys', () => {
  it('makes 32 random bytes per data key', () => {
    const a = generateDataKey();
    expect(a.length).toBe(32);
    expect(a.equals(generateDataKey())).toBe(false);
  });

  it('derives HKDF-SHA256(dek, info = sextant/<purpose>[/id:<file>]) deterministically', () => {
    const dek = KeyMaterial.random(32);
    const expected = Buffer.from(hkdfSync('sha256', dek.bytes, Buffer.alloc(0), 'sextant/series/id:42', 32));
    expect(deriveSubkey(dek, 'series', '42').bytes.equals(expected)).toBe(true);
    expect(deriveSubkey(dek, 'series', '42').equals(deriveSubkey(dek, 'series', '42'))).toBe(true);
    expect(subkeyInfo('journal')).toBe('sextant/journal');
  });

  it('gives a distinct key to every purpose and file, and for every data key', () => {
    const dek = KeyMaterial.random(32);
    const seen = new Set<string>();
    for (const purpose of SUBKEY_PURPOSES) {
      for (const fileId of [undefined, '1', '2', 'a/b.txt', 'a', 'x'.repeat(2000), 'y'.repeat(2000)]) {
        const key = deriveSubkey(dek, purpose, fileId);
        expect(key.length).toBe(32);
        seen.add(key.bytes.toString('hex'));
      }
    }
    expect(seen.size).toBe(SUBKEY_PURPOSES.length * 7);
    expect(deriveSubkey(KeyMaterial.random(32), 'journal').bytes.toString('hex')).not.toBe(deriveSubkey(dek, 'journal').bytes.toString('hex'));
  });

  it('hashes file ids too long for HKDF info and keeps short ones as they are', () => {
    expect(subkeyInfo('artifact', 'é'.repeat(600))).toMatch(/^sextant\/artifact\/sha256:[0-9a-f]{64}$/);
    expect(subkeyInfo('artifact', 'é'.repeat(400))).toBe(`sextant/artifact/id:${'é'.repeat(400)}`);
  });

  it('refuses an empty file id and an unknown purpose', () => {
    const dek = KeyMaterial.random(32);
    expect(() => deriveSubkey(dek, 'series', '')).toThrow(/must not be empty/);
    expect(() => deriveSubkey(dek, 'bogus' as SubkeyPurpose)).toThrow(/unknown subkey purpose/);
  });
});
