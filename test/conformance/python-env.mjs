#!/usr/bin/env node
// Creates or refreshes the Python virtual environment used by the MLflow client conformance
// suite (test/conformance/python-client.test.ts) and by test/support/servers.ts (`mlflow server`).
//
//   .cache/venv                       the venv (git-ignored)
//   .cache/venv/.requirements-hash    sha256 of test/conformance/python/requirements.txt it was built from
//
// When the stored hash matches the lock file, nothing is done. Otherwise the venv is deleted and
// rebuilt from scratch (a lock file change may remove packages, so no in-place upgrade), and the
// hash is written last, so an interrupted build is redone next time.
// Python: $SEXTANT_PYTHON, else `python3` on PATH (the lock targets CPython 3.11).
// Exits non-zero, loudly, when venv creation or pip fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const requirements = join(repoRoot, 'test', 'conformance', 'python', 'requirements.txt');
const venvDir = join(repoRoot, '.cache', 'venv');
const hashFile = join(venvDir, '.requirements-hash');
const venvPython = join(venvDir, 'bin', 'python');
const python = process.env.SEXTANT_PYTHON || 'python3';
const rel = (p) => relative(repoRoot, p) || '.';
const log = (msg) => console.log(`[python-env] ${msg}`);

function fail(msg) {
  console.error(`[python-env] ERROR: ${msg}`);
  process.exit(1);
}

function run(cmd, args) {
  log(`$ ${[cmd, ...args].map((a) => (a.startsWith(repoRoot) ? rel(a) : a)).join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' } });
  if (res.error) fail(`could not run ${cmd}: ${res.error.message}`);
  if (res.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` exited with ${res.status ?? res.signal}`);
}

if (!existsSync(requirements)) fail(`${rel(requirements)} is missing`);
const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
const have = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : null;

if (have === wanted && existsSync(venvPython)) {
  log(`${rel(venvDir)} is up to date with ${rel(requirements)} (sha256 ${wanted.slice(0, 12)}…); nothing to do.`);
  process.exit(0);
}

log(have === null
  ? `${rel(venvDir)} has no ${rel(hashFile)}; building it from ${rel(requirements)}.`
  : `${rel(requirements)} changed (sha256 ${have.slice(0, 12)}… -> ${wanted.slice(0, 12)}…); rebuilding ${rel(venvDir)}.`);

const version = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
if (version.error || version.status !== 0) fail(`cannot run ${python} (set SEXTANT_PYTHON to a Python 3.11 interpreter): ${version.error?.message ?? version.stderr}`);
if (version.stdout.trim() !== '3.11') log(`warning: ${python} is Python ${version.stdout.trim()}; the lock file was made for Python 3.11 and may not install.`);

const started = Date.now();
if (existsSync(venvDir)) {
  log(`removing old ${rel(venvDir)}`);
  rmSync(venvDir, { recursive: true, force: true });
}
mkdirSync(dirname(venvDir), { recursive: true });

run(python, ['-m', 'venv', venvDir]);
run(venvPython, ['-m', 'pip', 'install', '--progress-bar', 'off', '-r', requirements]);
run(venvPython, ['-m', 'pip', 'check']);

writeFileSync(hashFile, `${wanted}\n`);
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; ${rel(venvDir)} matches sha256 ${wanted.slice(0, 12)}….`);
