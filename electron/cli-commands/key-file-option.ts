import { resolve } from 'node:path';
import type { KekSource } from '../store/crypto/keys/kek-source';

/** The environment variable naming a key file, for commands run where flags are awkward (services, test suites). */
export const KEY_FILE_ENV = 'SEXTANT_KEY_FILE';

/** The option every command that may open a store takes (for node:util parseArgs). */
export const keyFileOption = { 'key-file': { type: 'string' } } as const;

/** Help lines for --key-file and its variable, aligned like the commands' other options. */
export const keyFileHelp = (indent: number) => {
  const width = Math.max(indent, '--key-file FILE'.length + 2);
  const pad = (s: string) => s.padEnd(width);
  return (
    `  ${pad('--key-file FILE')}the store's key file (sextant key generate): an encrypted store opens only\n` +
    `  ${pad('')}with it; a new store is created encrypted with it. Or set ${KEY_FILE_ENV}=FILE`
  );
};

/**
 * Where the store's key comes from: --key-file, else $SEXTANT_KEY_FILE, else none. Only the
 * file's path travels (argv, environment); the key is read from the file when the store opens,
 * and never printed.
 */
export function keyFileSource(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): KekSource | undefined {
  const path = flag ?? (env[KEY_FILE_ENV] || undefined);
  return path === undefined ? undefined : { kind: 'key-file', path: resolve(path) };
}
