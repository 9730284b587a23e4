import ElectronStore from 'electron-store';
import { readSettings, SettingsPatch, type Settings, type SettingsStore } from './settings';

/**
 * The settings of the desktop app in `<userData>/settings.json`, through electron-store (atomic
 * writes). Create it after any userData override and before windows exist. A file that is not
 * JSON is cleared; a value that fails the schema reads as its default.
 */
export function openSettingsFile(): SettingsStore {
  const file = new ElectronStore<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  let current: Settings = readSettings(file.store);
  return {
    get: () => current,
    update(patch) {
      const valid = SettingsPatch.parse(patch);
      current = { ...current, ...valid };
      file.set(valid as Record<string, unknown>);
      return current;
    },
  };
}
