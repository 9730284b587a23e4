import { parseArgs } from 'node:util';
import { defaultStoreDir } from '../user-data-dir';
import { runStoreJob } from './job-command';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const syncHelp = `sextant sync status [REMOTE] [--store DIR] [--json]

Where each remote (or REMOTE) stands, from the store alone: runs pushed, runs changed since their
last push, runs never pushed, and the last sync's summary.

Options:
  --store DIR         store folder (default: ${defaultStoreDir()})
${keyFileHelp(20)}
  --json              print a JSON report`;

export async function syncCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { store: { type: 'string' }, ...keyFileOption, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  const [action, remote, ...extra] = positionals;
  if (values.help) {
    console.log(syncHelp);
    return 0;
  }
  if (action !== 'status' || extra.length) {
    console.error(`sextant sync: ${action === undefined ? 'missing action' : action === 'status' ? 'too many arguments' : `unknown action '${action}'`}\n\n${syncHelp}`);
    return 2;
  }
  return runStoreJob(values.store ?? defaultStoreDir(), { kind: 'sync.status', args: remote === undefined ? {} : { remote } }, values.json, keyFileSource(values['key-file']));
}
