/**
 * Remotes' passwords and tokens kept by the desktop app: encrypted with the OS keychain
 * (Electron's safeStorage) in the app's settings file, never in the store and never in clear on
 * disk. Headless processes have none (their remotes name environment variables instead).
 */
export interface KeptSecrets {
  /** Null when secrets can be kept here; otherwise the one line that says why not. */
  unavailable(): string | null;
  has(remote: string): boolean;
  get(remote: string): string | undefined;
  keep(remote: string, secret: string): void;
  forget(remote: string): void;
}
