// What the marker tests seed and look for: a marker string in every field the MLflow client writes
// (seed_markers.py) and a distinctive metric value, and a scan of every file under a store for them.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { venvBin } from '../../support/paths';

export const SEED_SCRIPT = join(__dirname, 'seed_markers.py');
export const MARKER = 'Qz7markerSextant';
export const VALUE = 31415.926535897932;

function valueBytes(): Buffer[] {
  const le = Buffer.alloc(8);
  le.writeDoubleLE(VALUE);
  const be = Buffer.alloc(8);
  be.writeDoubleBE(VALUE);
  return [le, be];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : e.isFile() ? [path] : [];
  });
}

/** Every file (and every path) under `dir` that shows the marker or the value's bytes. */
export function leaks(dir: string): string[] {
  const needles = [Buffer.from(MARKER), Buffer.from(MARKER.toLowerCase()), ...valueBytes()];
  const found: string[] = [];
  for (const path of filesUnder(dir)) {
    if (path.slice(dir.length).includes(MARKER)) found.push(`${path} (its name)`);
    if (statSync(path).size === 0) continue;
    const bytes = readFileSync(path);
    needles.forEach((n, i) => bytes.includes(n) && found.push(`${path} (${i < 2 ? 'marker' : 'value bytes'})`));
  }
  return found;
}

export function runPython(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const child = spawn(venvBin('python'), [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

