import { describe, expect, it } from 'vitest';
import { KeyMaterial, deriveSubkey } from '../../../../../electron/store/crypto/keys';
import { storeKeys } from '../../../../../electron/store/crypto/store-keys';

describe('storeKeys', () => {
  it('gives each purpose and file its own subkey of the data key, the same one every time', () => {
    const dek = KeyMaterial.random(32);
    const expected = deriveSubkey(dek, 'series', '17').bytes;
    const keys = storeKeys(dek);
    const all = [keys.journal('0001.log'), keys.journal('0002.log'), keys.snapshot(), keys.series('17'), keys.series('18'), keys.artifact('1/abc/artifacts/a.txt'), keys.upload('u1'), keys.names(), keys.secrets()];
    expect(new Set(all.map((k) => k.toString('hex'))).size).toBe(all.length);
    expect(keys.series('17').equals(expected)).toBe(true);
    expect(all.every((k) => k.length === 32)).toBe(true);
  });

  it('zeroes the data key on dispose, and refuses to be used afterwards', () => {
    const dek = KeyMaterial.random(32);
    const keys = storeKeys(dek);
    const k = keys.snapshot();
    keys.dispose();
    expect(k.every((b) => b === 0)).toBe(true);
    expect(dek.disposed).toBe(true);
    expect(() => keys.names()).toThrow(/disposed/);
  });
});
