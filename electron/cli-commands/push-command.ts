import { parseArgs } from 'node:util';
import { handedSecrets } from '../sync/remote-secrets';
import { defaultStoreDir } from '../user-data-dir';
import { runStoreJob } from './job-command';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const pushHelp = `sextant push REMOTE [--store DIR] [--experiment NAME]... [--dry-run] [--json]

Pushes local experiments to a remote MLflow tracking server: every run (nested runs with their
parent links), params, tags, full metric histories, dataset inputs, artifacts, status and
lifecycle. Only what changed since the last push is sent; an interrupted push run again finishes
exactly once. Each remote run carries the tag sextant.origin.run_id (the local run id).

REMOTE is an added remote (sextant remote add) or a URL; with a URL, credentials come from
MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/_PASSWORD, as the MLflow clients read them.
Runs in the app or \`sextant serve\` when one holds the store, with its progress shown here.

Options:
  --store DIR         store folder (default: ${defaultStoreDir()})
${keyFileHelp(20)}
  --experiment NAME   push this experiment (repeatable; default: every active experiment)
  --dry-run           say what would be sent, send nothing
  --json              print a JSON report instead of the summary line

Exit status: 0 when everything asked for is on the remote; 1 with one line per problem.`;

export async function pushCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      ...keyFileOption,
      experiment: { type: 'string', multiple: true },
      model: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(pushHelp);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`sextant push: give exactly one REMOTE (a name or a URL)\n\n${pushHelp}`);
    return 2;
  }
  const args = { remote: positionals[0]!, experiments: values.experiment ?? [], models: values.model ?? [], dryRun: values['dry-run'], env: handedSecrets(process.env) };
  return runStoreJob(values.store ?? defaultStoreDir(), { kind: 'push', args }, values.json, keyFileSource(values['key-file']));
}
