#!/usr/bin/env node
// Creates or refreshes the Python virtual environments of the MLflow client matrix: one per
// MLflow major version, each from its own lock file (every transitive package pinned).
//
//   .cache/venv            test/conformance/python/requirements.txt          MLflow 3.x (newest): the
//                          3.x client suite, the reference `mlflow server` (test/support/servers.ts,
//                          npm run bench), mlflow-export-import, the e2e Python helpers
//   .cache/venv-mlflow2    test/conformance/python/requirements-mlflow2.txt  MLflow 2.x (last): the
//                          2.x client suite
//   <venv>/.requirements-hash   sha256 of the lock file the venv was built from
//
// When a venv's stored hash matches its lock file, nothing is done for it. Otherwise the venv is
// deleted and rebuilt from scratch (a lock file change may remove packages, so no in-place
// upgrade), and the hash is written last, so an interrupted build is redone next time.
// Python: $SEXTANT_PYTHON, else `python3` on PATH (the locks target CPython 3.11).
// Exits non-zero, loudly, when venv creation or pip fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const locks = join(repoRoot, 'test', 'conformance', 'python');
const envs = [
  { lock: join(locks, 'requirements.txt'), dir: join(repoRoot, '.cache', 'venv') },
  { lock: join(locks, 'requirements-mlflow2.txt'), dir: join(repoRoot, '.cache', 'venv-mlflow2') },
];
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

let checkedPython = false;
function checkPython() {
  if (checkedPython) return;
  checkedPython = true;
  const version = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) fail(`cannot run ${python} (set SEXTANT_PYTHON to a Python 3.11 interpreter): ${version.error?.message ?? version.stderr}`);
  if (version.stdout.trim() !== '3.11') log(`warning: ${python} is Python ${version.stdout.trim()}; the lock files were made for Python 3.11 and may not install.`);
}

function ensure({ lock, dir }) {
  const hashFile = join(dir, '.requirements-hash');
  const venvPython = join(dir, 'bin', 'python');
  if (!existsSync(lock)) fail(`${rel(lock)} is missing`);
  const wanted = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const have = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : null;

  if (have === wanted && existsSync(venvPython)) {
    log(`${rel(dir)} is up to date with ${rel(lock)} (sha256 ${wanted.slice(0, 12)}…); nothing to do.`);
    return;
  }
  log(have === null
    ? `${rel(dir)} has no ${rel(hashFile)}; building it from ${rel(lock)}.`
    : `${rel(lock)} changed (sha256 ${have.slice(0, 12)}… -> ${wanted.slice(0, 12)}…); rebuilding ${rel(dir)}.`);
  checkPython();

  const started = Date.now();
  if (existsSync(dir)) {
    log(`removing old ${rel(dir)}`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dirname(dir), { recursive: true });

  run(python, ['-m', 'venv', dir]);
  run(venvPython, ['-m', 'pip', 'install', '--progress-bar', 'off', '-r', lock]);
  run(venvPython, ['-m', 'pip', 'check']);

  writeFileSync(hashFile, `${wanted}\n`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; ${rel(dir)} matches sha256 ${wanted.slice(0, 12)}….`);
}

for (const env of envs) ensure(env);
