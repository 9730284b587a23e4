import { parseArgs } from 'node:util';
import { defaultStoreDir } from '../user-data-dir';
import { runStoreJob } from './job-command';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const remoteHelp = `sextant remote add NAME URL [--store DIR] [--username U --password-env VAR | --token-env VAR]
sextant remote list [--store DIR]
sextant remote remove NAME [--store DIR]

Remotes are MLflow tracking servers to push to and pull from (http(s)://host[:port][/prefix]).
A password or token is never taken on the command line (any process can read a command line):
a remote added here keeps the name of the environment variable that holds it (--password-env
for basic auth with --username, --token-env for a bearer token), read when a push or pull runs.
In the desktop app a password or token can also be entered: it is then sealed inside the store
when the store is encrypted, or else kept by the OS keychain, never in clear on disk.
\`remote list\` shows where each secret comes from, with the secret masked (********).

Options:
  --store DIR   store folder (default: ${defaultStoreDir()})
${keyFileHelp(14)}
  --json        print a JSON report`;

/** Options that would put a secret on the command line: refused without echoing their value. */
const SECRET_ON_ARGV = ['password', 'token', 'secret'] as const;

export async function remoteCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      ...keyFileOption,
      username: { type: 'string' },
      'password-env': { type: 'string' },
      'token-env': { type: 'string' },
      ...Object.fromEntries(SECRET_ON_ARGV.map((o) => [o, { type: 'string' as const }])),
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [action, name, url, ...extra] = positionals;
  if (values.help || action === undefined) {
    console.log(remoteHelp);
    return values.help ? 0 : 2;
  }
  const storeDir = values.store ?? defaultStoreDir();
  const usage = (msg: string) => {
    console.error(`sextant remote: ${msg}\n\n${remoteHelp}`);
    return 2;
  };
  const onArgv = SECRET_ON_ARGV.find((o) => (values as Record<string, unknown>)[o] !== undefined);
  if (onArgv) {
    return usage(`--${onArgv} is refused: a secret on the command line can be read by any process. Put it in an environment variable and give its name with --${onArgv === 'token' ? 'token' : 'password'}-env VAR.`);
  }
  switch (action) {
    case 'add':
      if (!name || !url || extra.length) return usage('add takes NAME and URL');
      return runStoreJob(storeDir, { kind: 'remote.add', args: { name, url, username: values.username, passwordEnv: values['password-env'], tokenEnv: values['token-env'] } }, values.json, keyFileSource(values['key-file']));
    case 'remove':
      if (!name || url) return usage('remove takes NAME');
      return runStoreJob(storeDir, { kind: 'remote.remove', args: { name } }, values.json, keyFileSource(values['key-file']));
    case 'list':
      if (name) return usage('list takes no arguments');
      return runStoreJob(storeDir, { kind: 'remote.list', args: {} }, values.json, keyFileSource(values['key-file']));
    default:
      return usage(`unknown action '${action}'`);
  }
}
