import { z } from 'zod';

/**
 * Preferences, not data: the theme, the window's place, the tracking server's port and what to
 * do when it is taken, recent stores. Domain data lives in the store; secrets never live here in
 * clear (the schema is strict, so an unknown key such as a token cannot be written): remotes'
 * passwords and tokens are kept only as OS-keychain ciphertext (see kept-secrets-file.ts).
 */
export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(32_000),
  height: z.number().int().min(300).max(32_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export const PortInUsePolicy = z.enum(['ask', 'free-port']);
export type PortInUsePolicy = z.infer<typeof PortInUsePolicy>;

const fields = {
  theme: Theme,
  /** Null until the window has been placed once: default size, centred. */
  window: WindowState.nullable(),
  port: z.number().int().min(0).max(65_535),
  onPortInUse: PortInUsePolicy,
  recentStores: z.array(z.string().min(1).max(4096)).max(10),
  /** Remote name → its password or token encrypted by safeStorage, base64. Never clear text. */
  keptSecrets: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/), z.string().regex(/^[A-Za-z0-9+/]+=*$/).max(65_536)).optional(),
};

export const Settings = z.object(fields).strict();
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = { theme: 'system', window: null, port: 5000, onPortInUse: 'ask', recentStores: [] };

/**
 * Reads whatever is on disk, key by key: a value that fails its schema (hand-edited, written by
 * another version) falls back to its default instead of losing every other preference.
 */
export function readSettings(raw: unknown): Settings {
  const source = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const read = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = fields[key].safeParse(source[key]);
    return parsed.success ? (parsed.data as Settings[K]) : DEFAULT_SETTINGS[key];
  };
  return {
    theme: read('theme'),
    window: read('window'),
    port: read('port'),
    onPortInUse: read('onPortInUse'),
    recentStores: read('recentStores'),
    ...(source.keptSecrets === undefined ? {} : { keptSecrets: read('keptSecrets') ?? {} }),
  };
}

/** The most recent store first, without duplicates, at most ten. */
export const withRecentStore = (recent: string[], dir: string): string[] => [dir, ...recent.filter((d) => d !== dir)].slice(0, 10);

export interface SettingsStore {
  get(): Settings;
  /** Validates the patch (throws on an invalid or unknown key), applies and persists it. */
  update(patch: SettingsPatch): Settings;
}

/** For tests and for runs that must not touch the disk. */
export class MemorySettings implements SettingsStore {
  private current: Settings;

  constructor(initial: unknown = {}) {
    this.current = readSettings(initial);
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    this.current = { ...this.current, ...SettingsPatch.parse(patch) };
    return this.current;
  }
}
