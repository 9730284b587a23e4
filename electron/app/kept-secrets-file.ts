import type { KeptSecrets } from '../ipc/kept-secrets';
import type { SettingsStore } from './settings';

/** The part of Electron's safeStorage used here (an interface, so tests need no Electron). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  /** Linux only: which backend encrypts ('basic_text' is a fixed key, i.e. no real protection). */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Remotes' secrets kept by the desktop app: encrypted with the OS keychain (safeStorage) and
 * kept as ciphertext in the settings file, never in the store, never in clear on disk. Where the
 * OS offers no keychain (Linux without a secret service falls back to a fixed key), nothing is
 * kept: the remote must name an environment variable instead.
 */
export function keptSecretsFile(settings: SettingsStore, cipher: SecretCipher, platform: NodeJS.Platform = process.platform): KeptSecrets {
  const cache = new Map<string, string>();
  const all = () => settings.get().keptSecrets ?? {};
  const unavailable = (): string | null => {
    if (!cipher.isEncryptionAvailable()) return 'This system offers no keychain to encrypt the secret with: name an environment variable instead.';
    if (platform === 'linux' && cipher.getSelectedStorageBackend?.() === 'basic_text') {
      return 'No secret service (GNOME Keyring, KWallet) is running, so the secret could not be encrypted: start one, or name an environment variable instead.';
    }
    return null;
  };
  return {
    unavailable,
    has: (remote) => Object.hasOwn(all(), remote),
    get(remote) {
      if (cache.has(remote)) return cache.get(remote);
      const sealed = all()[remote];
      if (sealed === undefined || unavailable()) return undefined;
      try {
        const plain = cipher.decryptString(Buffer.from(sealed, 'base64'));
        cache.set(remote, plain);
        return plain;
      } catch {
        return undefined; // sealed by another OS user or keychain: as if never kept
      }
    },
    keep(remote, secret) {
      const why = unavailable();
      if (why) throw new Error(why);
      const sealed = cipher.encryptString(secret).toString('base64');
      settings.update({ keptSecrets: { ...all(), [remote]: sealed } });
      cache.set(remote, secret);
    },
    forget(remote) {
      cache.delete(remote);
      if (!Object.hasOwn(all(), remote)) return;
      const { [remote]: _gone, ...rest } = all();
      settings.update({ keptSecrets: rest });
    },
  };
}
