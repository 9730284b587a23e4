import type { KeptSecrets } from '../ipc/kept-secrets';
import { keychainUnavailableReason, type OsKeychain } from '../store/crypto/keys/os-keychain';
import type { SettingsStore } from './settings';

/** The part of Electron's safeStorage used here: the store's OsKeychain (an interface, so tests need no Electron). */
export type SecretCipher = OsKeychain;

/**
 * Remotes' secrets kept by the desktop app for a store that is not encrypted (an encrypted store
 * seals them itself, see secrets/): encrypted with the OS keychain (safeStorage) and kept as
 * ciphertext in the settings file, never in clear on disk. Where the OS offers no keychain (Linux
 * without a secret service falls back to a fixed key), nothing is kept: the remote must name an
 * environment variable instead, or the store be encrypted. Opened secrets stay in this process's
 * memory only (safeStorage may prompt, so each is opened once).
 */
export function keptSecretsFile(settings: SettingsStore, cipher: SecretCipher, platform: NodeJS.Platform = process.platform): KeptSecrets {
  const cache = new Map<string, string>();
  const all = () => settings.get().keptSecrets ?? {};
  const unavailable = (): string | null => {
    const reason = keychainUnavailableReason(cipher, platform);
    return reason ? `The secret cannot be kept here: ${reason}. Name an environment variable instead, or encrypt the store.` : null;
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
