import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, prefsKey, readPrefs, writePrefs } from '../../../../renderer/state/runs-view-prefs';
import { memoryStorage } from './runs-fake-client';

describe('saved view choices', () => {
  it('round-trips, per experiment', () => {
    const storage = memoryStorage();
    const prefs = { ...DEFAULT_PREFS, columns: ['metrics.loss'], sort: { columnId: 'metrics.loss', desc: true }, pinned: ['a'], lifecycle: 'all' as const, statusFilter: 'FAILED' as const, flat: true, sortMemory: { 'params.lr': true, 'tags.team': false } };
    writePrefs(storage, 'e1', prefs);
    expect(readPrefs(storage, 'e1')).toEqual(prefs);
    expect(readPrefs(storage, 'e2')).toEqual(DEFAULT_PREFS);
  });

  it('falls back field by field on anything malformed', () => {
    const storage = memoryStorage({
      [prefsKey('e1')]: JSON.stringify({ columns: 'nope', sort: { columnId: 3 }, statusFilter: 'EXPLODED', lifecycle: 'gone', pinned: ['ok', 7], filterText: 'metrics.x > 1', onlyPinned: 'yes', flat: 1, sortMemory: { 'params.lr': true, bad: 'desc' } }),
      [prefsKey('e2')]: '{not json',
    });
    expect(readPrefs(storage, 'e1')).toEqual({ ...DEFAULT_PREFS, filterText: 'metrics.x > 1', sortMemory: { 'params.lr': true } });
    expect(readPrefs(storage, 'e2')).toEqual(DEFAULT_PREFS);
    expect(readPrefs(null, 'e1')).toEqual(DEFAULT_PREFS);
  });

  it('survives a storage that refuses to write', () => {
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writePrefs(full, 'e1', DEFAULT_PREFS)).not.toThrow();
  });
});
