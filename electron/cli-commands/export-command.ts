import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultStoreDir } from '../user-data-dir';
import { runStoreJob } from './job-command';
import { keyFileHelp, keyFileOption, keyFileSource } from './key-file-option';

export const exportHelp = `sextant export --out FILE [--store DIR] [--experiment NAME]... [--model NAME]... [--since BUNDLE]
               [--passphrase-env VAR] [--json]

Writes a bundle: one file holding experiments with their runs (ids kept), params, tags, full
metric histories, dataset inputs, artifacts, logged models and registry entries, with a manifest
and a SHA-256 checksum of every part, to carry to a machine with no network (sextant import FILE
there). The file appears only once it is complete.

Runs in the app or \`sextant serve\` when one holds the store, with its progress shown here.

Options:
  --out FILE           the bundle file to write (replaced if it exists)
  --store DIR          store folder (default: ${defaultStoreDir()})
${keyFileHelp(21)}
  --experiment NAME    export this experiment (repeatable)
  --model NAME         export this registered model with its versions, and the experiments their
                       runs and logged models are in (repeatable)
                       With neither: every experiment and registered model.
  --since BUNDLE       an incremental bundle: only what changed since BUNDLE (an earlier bundle
                       exported from this store) was written; import them in order
  --passphrase-env VAR encrypt with the passphrase in environment variable VAR (AES-256-GCM,
                       scrypt); importing needs the same passphrase
  --json               print a JSON report instead of the summary line

Exit status: 0 when the bundle was written; 1 with a line saying why not.`;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      store: { type: 'string' },
      ...keyFileOption,
      experiment: { type: 'string', multiple: true },
      model: { type: 'string', multiple: true },
      since: { type: 'string' },
      'passphrase-env': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(exportHelp);
    return 0;
  }
  if (positionals.length || !values.out) {
    console.error(`sextant export: ${positionals.length ? `unexpected argument '${positionals[0]}'` : 'give --out FILE'}\n\n${exportHelp}`);
    return 2;
  }
  let passphrase: string | undefined;
  const env = values['passphrase-env'];
  if (env !== undefined) {
    passphrase = process.env[env];
    if (!passphrase) {
      console.error(`sextant export: the environment variable ${env} (--passphrase-env) is not set or empty`);
      return 2;
    }
  }
  const args = {
    out: resolve(values.out),
    experiments: values.experiment ?? [],
    models: values.model ?? [],
    ...(values.since !== undefined ? { since: resolve(values.since) } : {}),
    ...(passphrase !== undefined ? { passphrase } : {}),
  };
  return runStoreJob(values.store ?? defaultStoreDir(), { kind: 'export', args }, values.json, keyFileSource(values['key-file']));
}
