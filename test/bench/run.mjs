// `npm run bench` entry point: runs the TypeScript benchmark (test/bench/main.ts) through tsx,
// passing the arguments on (e.g. `npm run bench -- --quick --only ingest,search`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `--only import-db` is its own runner (test/bench/import-db.ts: sextant import of an mlflow.db vs cp).
const args = process.argv.slice(2);
const only = args.indexOf('--only');
const script = only >= 0 && args[only + 1] === 'import-db' ? './import-db.ts' : './main.ts';
const main = fileURLToPath(new URL(script, import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal's process group; SIGTERM sent to us alone is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 : 1);
});
