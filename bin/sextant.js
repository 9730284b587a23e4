#!/usr/bin/env node
// The `sextant` command. The CLI itself is built from electron/cli.ts by `npm run build`
// (which `npm ci` runs through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('sextant: the CLI is not built yet; run `npm run build` in the Sextant folder first.');
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
