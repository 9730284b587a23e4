import { inspect, format } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeyMaterial, usingKey } from '../../../../../../electron/store/crypto/keys/key-material';

describe('KeyMaterial', () => {
  const bytes = () => Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');

  it('prints as [redacted] however it is printed', () => {
    const key = new KeyMaterial(bytes());
    const outputs = [String(key), `${key}`, JSON.stringify({ key }), inspect(key), inspect({ nested: { key } }, { depth: 5, showHidden: true }), format('%s %o %O %j', key, key, key, key), inspect(new Error('x', { cause: key }))];
    for (const out of outputs) {
      expect(out).toContain('[redacted]');
      expect(out).not.toMatch(/00112233|ABEiM0RVZneImaq7zN3u/i);
    }
    expect(JSON.parse(JSON.stringify({ key }))).toEqual({ key: '[redacted]' });
  });

  it('zeroes its buffer on dispose and refuses use afterwards', () => {
    const buf = bytes();
    const key = new KeyMaterial(buf);
    expect(key.bytes).toBe(buf);
    key.dispose();
    expect(buf.equals(Buffer.alloc(32))).toBe(true);
    expect(key.disposed).toBe(true);
    expect(() => key.bytes).toThrow(/after it was disposed/);
    key.dispose(); // idempotent
  });

  it('copyOf takes its own buffer; equals compares contents', () => {
    const src = bytes();
    const a = KeyMaterial.copyOf(src);
    src.fill(1);
    expect(a.bytes.equals(bytes())).toBe(true);
    expect(a.equals(new KeyMaterial(bytes()))).toBe(true);
    expect(a.equals(KeyMaterial.random(32))).toBe(false);
    expect(a.equals(KeyMaterial.random(16))).toBe(false);
  });

  it('random keys differ and have the asked length', () => {
    const a = KeyMaterial.random(32);
    expect(a.length).toBe(32);
    expect(a.equals(KeyMaterial.random(32))).toBe(false);
  });

  it('usingKey disposes of the key after use, also on failure', async () => {
    const ok = KeyMaterial.random(32);
    expect(await usingKey(ok, (k) => k.length)).toBe(32);
    expect(ok.disposed).toBe(true);
    const failing = KeyMaterial.random(32);
    await expect(usingKey(failing, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(failing.disposed).toBe(true);
  });
});
