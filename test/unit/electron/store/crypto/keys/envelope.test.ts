import { describe, expect, it } from 'vitest';
import { KeyMaterial } from '../../../../../../electron/store/crypto/keys/key-material';
import { WRAPPED_KEY_BYTES, computeKeyCheck, unwrapDataKey, verifyKeyCheck, wrapDataKey, type WrapContext } from '../../../../../../electron/store/crypto/keys/envelope';

const context: WrapContext = { version: 1, storeId: 'store-1', keyId: 'AAAAAAAAAAAAAAAAAAAAAA', keyKind: 'key-file' };

describe('envelope', () => {
  it('wraps and unwraps the data key, with a fresh nonce each time', () => {
    const kek = KeyMaterial.random(32);
    const dek = KeyMaterial.random(32);
    const a = wrapDataKey(kek, dek, context);
    const b = wrapDataKey(kek, dek, context);
    expect(a.length).toBe(WRAPPED_KEY_BYTES);
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.includes(dek.bytes)).toBe(false);
    expect(unwrapDataKey(kek, a, context)!.equals(dek)).toBe(true);
    expect(unwrapDataKey(kek, b, context)!.equals(dek)).toBe(true);
  });

  it('fails with another key', () => {
    const dek = KeyMaterial.random(32);
    expect(unwrapDataKey(KeyMaterial.random(32), wrapDataKey(KeyMaterial.random(32), dek, context), context)).toBeNull();
  });

  it.each([['storeId', 'store-2'], ['keyId', 'BAAAAAAAAAAAAAAAAAAAAA'], ['keyKind', 'passphrase'], ['version', 2]])('is bound to the %s', (field, value) => {
    const kek = KeyMaterial.random(32);
    const wrapped = wrapDataKey(kek, KeyMaterial.random(32), context);
    expect(unwrapDataKey(kek, wrapped, { ...context, [field]: value })).toBeNull();
  });

  it('detects a flipped bit anywhere in the wrapped key, and a truncated one', () => {
    const kek = KeyMaterial.random(32);
    const wrapped = wrapDataKey(kek, KeyMaterial.random(32), context);
    for (let bit = 0; bit < wrapped.length * 8; bit++) {
      const bad = Buffer.from(wrapped);
      bad[bit >> 3]! ^= 1 << (bit & 7);
      expect(unwrapDataKey(kek, bad, context)).toBeNull();
    }
    expect(unwrapDataKey(kek, wrapped.subarray(0, wrapped.length - 1), context)).toBeNull();
  });

  it('checks the key check against the data key and the store', () => {
    const dek = KeyMaterial.random(32);
    const check = computeKeyCheck(dek, 'store-1');
    expect(check.length).toBe(32);
    expect(verifyKeyCheck(dek, 'store-1', check)).toBe(true);
    expect(verifyKeyCheck(dek, 'store-2', check)).toBe(false);
    expect(verifyKeyCheck(KeyMaterial.random(32), 'store-1', check)).toBe(false);
    expect(verifyKeyCheck(dek, 'store-1', check.subarray(1))).toBe(false);
  });
});
