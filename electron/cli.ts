import { exportCommand, exportHelp } from './cli-commands/export-command';
import { importCommand, importHelp } from './cli-commands/import-command';
import { keyCommand, keyHelp } from './cli-commands/key-command';
import { modelsCommand, modelsHelp } from './cli-commands/models-command';
import { pullCommand, pullHelp } from './cli-commands/pull-command';
import { pushCommand, pushHelp } from './cli-commands/push-command';
import { remoteCommand, remoteHelp } from './cli-commands/remote-command';
import { runCommand, runHelp } from './cli-commands/run-command';
import { serveCommand, serveHelp } from './cli-commands/serve-command';
import { storeCommand, storeHelp } from './cli-commands/store-command';
import { syncCommand, syncHelp } from './cli-commands/sync-command';

const help = `Sextant: an offline-first experiment manager that speaks MLflow.

Usage: sextant <command> [options]

Commands:
  serve     run the MLflow-compatible tracking server headless on a store
  remote    add, list or remove the MLflow servers to push to
  push      push local experiments to a remote MLflow server
  pull      pull remote experiments into the store, to work offline
  sync      sync status: where each remote stands
  export    write a bundle file of experiments and models, to carry across an air gap
  import    bring in an MLflow database (mlflow.db), an MLflow file store (mlruns/) or a bundle
  key       make a key file for encrypted stores: sextant key generate --out FILE
  store     encrypt or decrypt a whole store, or rotate its key: sextant store encrypt|decrypt|rekey
  run       run an MLflow Project (a folder or git repository) as a run in the store
  models    serve a logged or registered model: sextant models serve -m MODEL_URI
  help      show this help, or a command's help: sextant help push

Run \`sextant <command> --help\` for a command's options.`;

/** The headless composition root: parses the command line and runs one command. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest);
      case 'remote':
        return await remoteCommand(rest);
      case 'push':
        return await pushCommand(rest);
      case 'pull':
        return await pullCommand(rest);
      case 'sync':
        return await syncCommand(rest);
      case 'export':
        return await exportCommand(rest);
      case 'import':
        return await importCommand(rest);
      case 'key':
        return await keyCommand(rest);
      case 'store':
        return await storeCommand(rest);
      case 'run':
        return await runCommand(rest);
      case 'models':
        return await modelsCommand(rest);
      case 'help': {
        const helps: Record<string, string> = { serve: serveHelp, remote: remoteHelp, push: pushHelp, pull: pullHelp, sync: syncHelp, export: exportHelp, import: importHelp, key: keyHelp, store: storeHelp, run: runHelp, models: modelsHelp };
        console.log(helps[rest[0] ?? ''] ?? help);
        return 0;
      }
      case undefined:
      case '-h':
      case '--help':
        console.log(help);
        return 0;
      default:
        console.error(`sextant: unknown command '${command}'\n\n${help}`);
        return 2;
    }
  } catch (err) {
    console.error(`sextant: ${(err as Error).message}`);
    return 1;
  }
}
