// The encrypted target's options, its enc/plain share and target check, and its table columns.
import { describe, expect, it } from 'vitest';
import { parseOptions } from './options';
import { ENCRYPTED_MIN_SHARE, evaluate } from './report';
import { renderTable } from './table';

describe('bench: encrypted Sextant target', () => {
  it('parses --targets sextant-encrypted, --encrypted-first and --artifact-mb; the default targets stay mlflow and sextant', () => {
    const o = parseOptions(['--targets', 'sextant,sextant-encrypted', '--encrypted-first', '--artifact-mb', '2', '--only', 'artifacts']);
    if (o === 'help') throw new Error('help');
    expect(o.targets).toEqual(['sextant', 'sextant-encrypted']);
    expect(o.encryptedFirst).toBe(true);
    expect(o.artifacts.bytes).toBe(2 * 1024 * 1024);
    expect(o.only).toEqual(['artifacts']);
    const d = parseOptions([]);
    if (d === 'help') throw new Error('help');
    expect(d.targets).toEqual(['mlflow', 'sextant']);
    expect(d.encryptedFirst).toBe(false);
    expect(() => parseOptions(['--targets', 'sextant-plain'])).toThrow(/unknown "sextant-plain"/);
  });

  it('takes the share as encrypted/plain for throughput and plain/encrypted for times, and checks it against the target', () => {
    const thr = evaluate({ workload: 'ingest', metric: 'points', unit: 'points/s', better: 'higher', sextant: 1000, encrypted: 790, encryptedTarget: ENCRYPTED_MIN_SHARE });
    expect(thr.encryptedRatio).toBeCloseTo(0.79);
    expect(thr.encryptedMet).toBe(false);
    const time = evaluate({ workload: 'history', metric: 'full', unit: 'ms', better: 'lower', sextant: 80, encrypted: 100, encryptedTarget: ENCRYPTED_MIN_SHARE });
    expect(time.encryptedRatio).toBeCloseTo(0.8);
    expect(time.encryptedMet).toBe(true);
    const noTarget = evaluate({ workload: 'ingest', metric: 'p99', unit: 'ms', better: 'lower', sextant: 10, encrypted: 20 });
    expect(noTarget.encryptedRatio).toBeCloseTo(0.5);
    expect(noTarget.encryptedMet).toBeUndefined();
    expect(evaluate({ workload: 'ingest', metric: 'points', unit: 'points/s', better: 'higher', sextant: 1000 }).encryptedRatio).toBeUndefined();
  });

  it('adds the encrypted columns to the table only when a row has an encrypted value', () => {
    const plain = renderTable([evaluate({ workload: 'ingest', metric: 'points', unit: 'points/s', better: 'higher', mlflow: 10, sextant: 1000 })]);
    expect(plain.split('\n')[0]).not.toMatch(/encrypted/);
    const both = renderTable([
      evaluate({ workload: 'ingest', metric: 'points', unit: 'points/s', better: 'higher', sextant: 1000, encrypted: 700, encryptedTarget: ENCRYPTED_MIN_SHARE }),
      evaluate({ workload: 'artifacts', metric: 'PUT', unit: 'MB/s', better: 'higher', sextant: 200, encrypted: 180, encryptedTarget: ENCRYPTED_MIN_SHARE }),
    ]);
    const lines = both.split('\n');
    expect(lines[0]).toMatch(/encrypted\s+enc\/plain\s+enc target\s+met\?$/);
    expect(lines[2]).toMatch(/700\s+70%\s+≥80%\s+NO$/);
    expect(lines[3]).toMatch(/180 MB\/s\s+90%\s+≥80%\s+yes$/);
  });
});
