#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed, otherwise the headless
// server on the default store (the same one the desktop app uses).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
function findElectron() {
  try {
    const path = require('electron'); // the package exports the binary's path
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // optional dependency not installed (its binary could not be downloaded)
  }
}
const electronBinary = findElectron();
const [cmd, args] = electronBinary
  ? [electronBinary, [root]]
  : [process.execPath, [fileURLToPath(new URL('./sextant.js', import.meta.url)), 'serve', ...process.argv.slice(2)]];
if (!electronBinary) console.log('Electron is not installed here (no binary could be downloaded); starting the headless server instead.');
const child = spawn(cmd, args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
