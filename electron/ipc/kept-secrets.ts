/**
 * Remotes' passwords and tokens kept by the desktop app for a store that is not encrypted:
 * encrypted with the OS keychain (Electron's safeStorage) in the app's settings file, never in
 * clear on disk. An encrypted store seals them itself (secrets/sealed-remote-secret.ts).
 * Headless processes have none (their remotes name environment variables, or are sealed in an
 * encrypted store).
 */
export interface KeptSecrets {
  /** Null when secrets can be kept here; otherwise the one line that says why not. */
  unavailable(): string | null;
  has(remote: string): boolean;
  get(remote: string): string | undefined;
  keep(remote: string, secret: string): void;
  forget(remote: string): void;
}
