import { describe, expect, it } from 'vitest';
import { formatDate, formatRelative } from '../../../../renderer/components/format-date';

describe('the one date format', () => {
  it('shows a moment absolute, to the minute, in the locale', () => {
    const d = new Date(2024, 0, 5, 7, 8, 9);
    expect(formatDate(d.getTime())).toBe(d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
    expect(formatDate(d.getTime())).toContain('2024');
  });

  it('is empty for an unknown time', () => {
    for (const unknown of [null, undefined, 0, NaN, Infinity, 8.64e15 + 1]) expect(formatDate(unknown)).toBe('');
  });

  it('says how long ago or ahead, in the largest whole unit', () => {
    const now = Date.UTC(2026, 11, 5, 12);
    const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
    expect(formatRelative(now - 5 * 60_000, now)).toBe(rtf.format(-5, 'minute'));
    expect(formatRelative(now + 2 * 3_600_000, now)).toBe(rtf.format(2, 'hour'));
    expect(formatRelative(now - 3 * 86_400_000, now)).toBe(rtf.format(-3, 'day'));
    expect(formatRelative(now - 10_000, now)).toBe(rtf.format(0, 'second'));
    expect(formatRelative(undefined, now)).toBe('');
  });
});
