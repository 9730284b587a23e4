import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { journalRecordAad, openRecord, RECORD_OVERHEAD, sealRecord } from '../../../../../../electron/store/crypto/sealed/sealed-record';
import { damageOf } from './damage-of';

const key = randomBytes(32);

describe('sealed records', () => {
  it('round-trips payloads of many sizes, 28 bytes longer on disk', () => {
    for (const n of [0, 1, 15, 16, 17, 4095, 4096, 65_537, 1_000_000]) {
      const plain = randomBytes(n);
      const sealed = sealRecord(key, journalRecordAad(n + 1), plain);
      expect(sealed.length).toBe(n + RECORD_OVERHEAD);
      expect(openRecord(key, journalRecordAad(n + 1), sealed).equals(plain)).toBe(true);
    }
  });

  it('uses a fresh nonce for every seal of the same record (across refills of the nonce pool)', () => {
    const plain = Buffer.from('same payload');
    const nonces = new Set(Array.from({ length: 3000 }, () => sealRecord(key, journalRecordAad(7), plain).subarray(0, 12).toString('hex')));
    expect(nonces.size).toBe(3000);
  });

  it('detects a flipped bit anywhere (nonce, ciphertext, tag)', () => {
    const sealed = sealRecord(key, journalRecordAad(9), randomBytes(40));
    for (let bit = 0; bit < sealed.length * 8; bit++) {
      const bad = Buffer.from(sealed);
      bad[bit >> 3]! ^= 1 << (bit & 7);
      const e = damageOf(() => openRecord(key, journalRecordAad(9), bad));
      expect([e.unit, e.reason]).toEqual(['record', 'authentication failed']);
    }
  });

  it('refuses a record moved to another seq, a truncated one and one sealed with another key', () => {
    const sealed = sealRecord(key, journalRecordAad(10), Buffer.from('payload'));
    expect(damageOf(() => openRecord(key, journalRecordAad(11), sealed)).reason).toBe('authentication failed');
    expect(damageOf(() => openRecord(key, journalRecordAad(10), sealed.subarray(0, sealed.length - 1))).reason).toBe('authentication failed');
    expect(damageOf(() => openRecord(key, journalRecordAad(10), sealed.subarray(0, 20))).reason).toBe('truncated');
    expect(damageOf(() => openRecord(randomBytes(32), journalRecordAad(10), sealed)).reason).toBe('authentication failed');
    expect(damageOf(() => openRecord(key, journalRecordAad(12), sealed)).message).toMatch(/^sealed record is damaged: authentication failed/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => sealRecord(randomBytes(16), journalRecordAad(1), Buffer.alloc(1))).toThrow(TypeError);
  });
});
