import { parseArgs } from 'node:util';
import { defaultStoreDir } from '../user-data-dir';
import { runStoreJob } from './job-command';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const remoteHelp = `sextant remote add NAME URL [--store DIR] [--username U --password-env VAR | --token-env VAR]
sextant remote list [--store DIR]
sextant remote remove NAME [--store DIR]

Remotes are MLflow tracking servers to push to and pull from (http(s)://host[:port][/prefix]).
Passwords and tokens are never written down: a remote keeps the name of the environment variable
that holds its secret (--password-env for basic auth with --username, --token-env for a bearer
token), read when a push or pull runs.

Options:
  --store DIR   store folder (default: ${defaultStoreDir()})
${keyFileHelp(14)}
  --json        print a JSON report`;

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
