import { describe, expect, it } from 'vitest';
import { etaMs, formatBytes, formatDuration, printable, renderProgressLine } from '../../../../electron/jobs/progress-line';

const progress = { phase: 'uploading artifacts', itemsDone: 42, itemsTotal: 100, bytesDone: 1.2 * 2 ** 30, bytesTotal: 3.4 * 2 ** 30, current: 'runs/0123456789abcdef/artifacts/model/model.pkl' };
const rates = { itemsPerSec: 2, bytesPerSec: 12 * 2 ** 20 };

describe('progress line', () => {
  it('shows phase, percent, items, bytes, rate, ETA and the current item on a wide terminal', () => {
    expect(renderProgressLine({ kind: 'push', progress, rates, width: 200 })).toBe(
      'uploading artifacts  35%  42/100 items  1.2 GiB/3.4 GiB  12 MiB/s  ETA 3m 08s  runs/0123456789abcdef/artifacts/model/model.pkl',
    );
  });

  it('stays shorter than the terminal, dropping the least useful parts first and shortening the item from its start', () => {
    for (const width of [100, 80, 60, 40, 30, 20, 10, 3]) {
      const line = renderProgressLine({ kind: 'push', progress, rates, width });
      expect([...line].length, line).toBeLessThan(width);
    }
    expect(renderProgressLine({ kind: 'push', progress, rates, width: 80 })).toBe('uploading artifacts  35%  42/100 items  1.2 GiB/3.4 GiB  12 MiB/s  ETA 3m 08s');
    expect(renderProgressLine({ kind: 'push', progress, rates, width: 70 })).toBe('35%  42/100 items  1.2 GiB/3.4 GiB  12 MiB/s  ETA 3m 08s  …/model.pkl');
    expect(renderProgressLine({ kind: 'push', progress, rates, width: 50 })).toBe('35%  42/100 items  1.2 GiB/3.4 GiB  ETA 3m 08s');
    expect(renderProgressLine({ kind: 'push', progress, rates, width: 30 })).toBe('35%  42/100 items  ETA 3m 08s');
  });

  it('shows what it knows when totals and rates are unknown', () => {
    expect(renderProgressLine({ kind: 'pull', progress: { itemsDone: 1234, bytesDone: 0 }, rates: null, width: 80 })).toBe('pull  1,234 items');
    expect(renderProgressLine({ kind: 'pull', progress: { itemsDone: 3, bytesDone: 5000 }, rates: { itemsPerSec: 0.5, bytesPerSec: 0 }, width: 80 })).toBe('pull  3 items  4.9 KiB  0.5 items/s');
    expect(renderProgressLine({ kind: 'pull', progress: { itemsDone: 3, itemsTotal: 10, bytesDone: 0 }, rates: { itemsPerSec: 0.5, bytesPerSec: 0 }, width: 80 })).toBe('pull  30%  3/10 items  0.5 items/s  ETA 14s');
  });

  it('estimates the time left by bytes when their total is known, else by items', () => {
    expect(etaMs({ itemsDone: 0, itemsTotal: 10, bytesDone: 100, bytesTotal: 1100 }, { itemsPerSec: 100, bytesPerSec: 100 })).toBe(10_000);
    expect(etaMs({ itemsDone: 4, itemsTotal: 10, bytesDone: 0 }, { itemsPerSec: 2, bytesPerSec: 0 })).toBe(3000);
    expect(etaMs({ itemsDone: 4, bytesDone: 0 }, { itemsPerSec: 2, bytesPerSec: 0 })).toBeNull();
    expect(etaMs({ itemsDone: 4, itemsTotal: 10, bytesDone: 0 }, { itemsPerSec: 0, bytesPerSec: 0 })).toBeNull();
  });

  it('formats bytes and durations', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024, 1048575, 118 * 2 ** 20, 5 * 2 ** 40].map(formatBytes)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '10 KiB', '1.0 MiB', '118 MiB', '5.0 TiB']);
    expect([0, 45_000, 192_000, 3_600_000 + 5 * 60_000, 100 * 3_600_000].map(formatDuration)).toEqual(['0s', '45s', '3m 12s', '1h 05m', '100h 00m']);
  });

  it('keeps control characters from a job out of the terminal', () => {
    expect(printable('run\x1b[2Jname\r\n\u009b')).toBe('run [2Jname   ');
  });
});
