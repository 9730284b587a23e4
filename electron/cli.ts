import { serveCommand, serveHelp } from './cli-commands/serve-command';

const help = `Sextant: an offline-first experiment manager that speaks MLflow.

Usage: sextant <command> [options]

Commands:
  serve     run the MLflow-compatible tracking server headless on a store
  help      show this help, or a command's help: sextant help serve

Run \`sextant <command> --help\` for a command's options.`;

/** The headless composition root: parses the command line and runs one command. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest);
      case 'help':
        console.log(rest[0] === 'serve' ? serveHelp : help);
        return 0;
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
