import { parseArgs } from 'node:util';
import { handedSecrets } from '../sync/remote-secrets';
import { defaultStoreDir } from '../user-data-dir';
import { runStoreJob } from './job-command';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const pullHelp = `sextant pull REMOTE [--store DIR] [--experiment NAME]... [--model NAME]... [--artifacts lazy|eager] [--json]

Copies experiments of a remote MLflow tracking server into the store, to work with offline: every
run keeps its remote run id, with its params, tags, full metric histories, dataset inputs,
artifacts, status and lifecycle; MLflow 3 logged models keep their ids too (params, tags, metrics,
files), and the registered models with a version from a pulled run come along. Pulling again
fetches only what changed (new runs, runs still running, runs changed on the remote, new
versions, changed stages, aliases, tags, descriptions). Local edits (tags, notes, descriptions)
are kept and sent back by the next push; a change on both sides is reported, never overwritten.
What this store pushed is recognised and not copied back. An interrupted pull run again finishes
exactly once.

--model NAME copies a registered model (description, tags, aliases, every version with its
stage, tags and source) with the experiments its versions come from; version numbers are kept
when this store has no model of that name. A local model of that name that was never pushed to
or pulled from this remote is a conflict: reported, never overwritten.

REMOTE is an added remote (sextant remote add) or a URL; with a URL, credentials come from
MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/_PASSWORD, as the MLflow clients read them.
Runs in the app or \`sextant serve\` when one holds the store, with its progress shown here.

Options:
  --store DIR            store folder (default: ${defaultStoreDir()})
${keyFileHelp(23)}
  --experiment NAME      pull this remote experiment (repeatable; default: every active one,
                         unless --model is given)
  --model NAME           pull this registered model and what its versions come from (repeatable)
  --artifacts lazy|eager lazy (default): record run artifacts and download each on first open;
                         eager: download every file now (logged models' files are always
                         downloaded: they are what a pulled version loads from)
  --json                 print a JSON report instead of the summary line

Exit status: 0 when everything asked for is in the store; 1 with one line per problem.`;

export async function pullCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      ...keyFileOption,
      experiment: { type: 'string', multiple: true },
      model: { type: 'string', multiple: true },
      artifacts: { type: 'string', default: 'lazy' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(pullHelp);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`sextant pull: give exactly one REMOTE (a name or a URL)\n\n${pullHelp}`);
    return 2;
  }
  if (values.artifacts !== 'lazy' && values.artifacts !== 'eager') {
    console.error(`sextant pull: --artifacts is lazy or eager, not '${values.artifacts}'`);
    return 2;
  }
  const args = { remote: positionals[0]!, experiments: values.experiment ?? [], models: values.model ?? [], artifacts: values.artifacts, env: handedSecrets(process.env) };
  return runStoreJob(values.store ?? defaultStoreDir(), { kind: 'pull', args }, values.json, keyFileSource(values['key-file']));
}
