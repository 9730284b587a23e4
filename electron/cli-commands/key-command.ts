import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StoreKeyError } from '../store/crypto/keys/key-errors';
import { writeNewKeyFile } from '../store/crypto/keys/key-file';

export const keyHelp = `sextant key generate --out FILE

Writes a new random store key to FILE: 64 hex characters and a newline, readable by you only
(mode 0600). FILE must not exist: a key file is never overwritten. Use it with
--key-file FILE on the commands that open an encrypted store.

Keep a copy of the key somewhere safe (a password manager, offline media): a store encrypted
with it cannot be opened without it, and nobody can recover it for you.

Options:
  --out FILE   where to write the key (required)
  -h, --help   show this help`;

/** Where a command prints: the console in the CLI, a buffer in tests. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CommandOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };

export async function keyCommand(argv: string[], io: CommandOutput = consoleOutput): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [action, ...extra] = positionals;
  if (values.help || action === undefined) {
    io.out(keyHelp);
    return values.help ? 0 : 2;
  }
  const usage = (msg: string) => {
    io.err(`sextant key: ${msg}\n\n${keyHelp}`);
    return 2;
  };
  if (action !== 'generate') return usage(`unknown action '${action}'`);
  if (extra.length) return usage('generate takes no arguments besides --out FILE');
  if (!values.out) return usage('generate needs --out FILE');
  const path = resolve(values.out);
  try {
    writeNewKeyFile(path);
  } catch (err) {
    if (!(err instanceof StoreKeyError)) throw err;
    io.err(`sextant key: ${err.message}`);
    return 1;
  }
  io.out(`wrote a new key to ${path} (mode 0600)`);
  io.out('Keep a copy of this key somewhere safe: a store encrypted with it cannot be opened without it.');
  return 0;
}
