import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../../../renderer/components/format-date';
import { formatSyncTime } from '../../../../../renderer/components/sync/format-sync-time';

describe('last synced', () => {
  it('is relative within a day, then the app\'s one date format', () => {
    const now = Date.UTC(2025, 5, 10, 12);
    expect(formatSyncTime(now - 5_000, now)).toBe('just now');
    expect(formatSyncTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatSyncTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatSyncTime(now - 3 * 86_400_000, now)).toBe(formatDate(now - 3 * 86_400_000));
  });
});
