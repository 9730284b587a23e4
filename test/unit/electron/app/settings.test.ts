import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, MemorySettings, readSettings, withRecentStore, type SettingsPatch } from '../../../../electron/app/settings';

describe('settings schema', () => {
  it('gives the defaults for nothing, garbage or a non-object', () => {
    for (const raw of [undefined, null, {}, 'x', 42, []]) expect(readSettings(raw)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ theme: 'system', port: 5000, onPortInUse: 'ask', window: null, recentStores: [] });
  });

  it('keeps valid values', () => {
    const raw = {
      theme: 'dark',
      port: 0,
      onPortInUse: 'free-port',
      window: { x: -1200, y: 40, width: 1400, height: 900, maximized: true },
      recentStores: ['/home/me/.config/Sextant/store'],
    };
    expect(readSettings(raw)).toEqual(raw);
  });

  it('falls back key by key: one bad value does not cost the others', () => {
    const s = readSettings({ theme: 'purple', port: 70000, onPortInUse: 'yes', window: { width: 10, height: 10, maximized: false }, recentStores: 'x' });
    expect(s).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ theme: 'light', port: -1 })).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect(readSettings({ port: 5000.5 }).port).toBe(5000);
    expect(readSettings({ port: '5001' }).port).toBe(5000);
  });

  it('drops unknown keys when reading (nothing but preferences survives)', () => {
    expect(readSettings({ token: 'secret', theme: 'dark' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });
});

describe('MemorySettings', () => {
  it('applies valid patches', () => {
    const s = new MemorySettings();
    s.update({ theme: 'dark' });
    s.update({ window: { width: 800, height: 600, maximized: false } });
    expect(s.get()).toMatchObject({ theme: 'dark', window: { width: 800, height: 600, maximized: false }, port: 5000 });
  });

  it('refuses invalid values and unknown keys such as secrets, changing nothing', () => {
    const s = new MemorySettings({ theme: 'light' });
    expect(() => s.update({ theme: 'neon' } as unknown as SettingsPatch)).toThrow();
    expect(() => s.update({ port: 65536 })).toThrow();
    expect(() => s.update({ token: 'ghp_secret' } as unknown as SettingsPatch)).toThrow();
    expect(s.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });
});

describe('withRecentStore', () => {
  it('puts the store first, once, and keeps ten', () => {
    expect(withRecentStore(['/a', '/b'], '/b')).toEqual(['/b', '/a']);
    const many = Array.from({ length: 12 }, (_, i) => `/s${i}`);
    expect(withRecentStore(many, '/new')).toHaveLength(10);
    expect(withRecentStore(many, '/new')[0]).toBe('/new');
  });
});
