import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultStoreDir } from '../user-data-dir';
import { runStoreJob } from './job-command';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const importHelp = `sextant import SOURCE [--store DIR] [--passphrase-env VAR] [--dry-run] [--json]
                      [--artifacts DIR] [--on-clash merge|rename]

Brings existing data into the store, recognised by its content: an MLflow database (mlflow.db,
any schema MLflow 1.x-3.x wrote, read without MLflow), an MLflow file store folder (mlruns/,
with its registry under models/ and deleted experiments in .trash/), or a Sextant bundle.
Everything comes in: experiments, runs under their own run ids, params, tags, full metric
histories, dataset inputs, artifacts, logged models and the registry (versions, stages, aliases).
Experiment ids are kept unless taken here (then renumbered). Importing the same source again
changes nothing; after MLflow logged more, only what is new comes in. An interrupted import run
again finishes exactly once. Runs in the app or \`sextant serve\` when one holds the store.

Options:
  --store DIR            store folder (default: ${defaultStoreDir()})
${keyFileHelp(23)}
  --artifacts DIR        where the source's artifacts are now, when they were moved
  --on-clash merge|rename  an experiment or registered model whose name is taken here by one
                         not from this source: merge into it, or import under "NAME (imported)";
                         by default it is skipped and reported
  --passphrase-env VAR   the environment variable holding an encrypted bundle's passphrase
  --dry-run              read everything, write nothing: show what would come in and what clashes
  --json                 print a JSON report instead of the summary line

Exit status: 0 when everything came in; 1 with one line per problem (a clash, a missing
artifact, a damaged item: the import stops before it).`;

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      ...keyFileOption,
      'passphrase-env': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      artifacts: { type: 'string' },
      'on-clash': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(importHelp);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`sextant import: give exactly one SOURCE (an mlflow.db, an mlruns folder or a bundle)\n\n${importHelp}`);
    return 2;
  }
  const clash = values['on-clash'];
  if (clash !== undefined && clash !== 'merge' && clash !== 'rename') {
    console.error(`sextant import: --on-clash is merge or rename, not '${clash}'`);
    return 2;
  }
  const envName = values['passphrase-env'];
  const passphrase = envName === undefined ? undefined : process.env[envName];
  if (envName !== undefined && !passphrase) {
    console.error(`sextant import: the environment variable ${envName} (--passphrase-env) is not set or empty`);
    return 2;
  }
  const args = {
    source: resolve(positionals[0]!),
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values.artifacts ? { artifactsDir: resolve(values.artifacts) } : {}),
    ...(clash ? { clash } : {}),
    ...(passphrase ? { passphrase } : {}),
  };
  return runStoreJob(values.store ?? defaultStoreDir(), { kind: 'import', args }, values.json, keyFileSource(values['key-file']));
}
