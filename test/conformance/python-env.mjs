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
// upgrade), and the hash is written last, so an interrupted build is redone next time. Venvs that
// need building are built at the same time (mostly downloads), their output lines prefixed.
// Python: $SEXTANT_PYTHON, else `python3` on PATH (the locks target CPython 3.11).
// Exits non-zero, loudly, when venv creation or pip fails.
import { spawn, spawnSync } from 'node:child_process';
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

/** Runs a command, its output prefixed with `[python-env <label>]`; rejects when it fails. */
function run(label, cmd, args) {
  const tag = `[python-env ${label}]`;
  console.log(`${tag} $ ${[cmd, ...args].map((a) => (a.startsWith(repoRoot) ? rel(a) : a)).join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' } });
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      let pending = '';
      from.on('data', (d) => {
        const lines = (pending + d.toString()).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) to.write(`${tag} ${line}\n`);
      });
      from.on('end', () => pending && to.write(`${tag} ${pending}\n`));
    }
    child.on('error', (err) => reject(new Error(`could not run ${cmd}: ${err.message}`)));
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`\`${cmd} ${args.join(' ')}\` exited with ${code ?? signal}`))));
  });
}

function checkPython() {
  const version = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) fail(`cannot run ${python} (set SEXTANT_PYTHON to a Python 3.11 interpreter): ${version.error?.message ?? version.stderr}`);
  if (version.stdout.trim() !== '3.11') log(`warning: ${python} is Python ${version.stdout.trim()}; the lock files were made for Python 3.11 and may not install.`);
}

/** The venvs that do not match their lock file, after saying so for each. */
function outdated() {
  return envs.filter(({ lock, dir }) => {
    if (!existsSync(lock)) fail(`${rel(lock)} is missing`);
    const wanted = sha256(lock);
    const hashFile = join(dir, '.requirements-hash');
    const have = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : null;
    if (have === wanted && existsSync(join(dir, 'bin', 'python'))) {
      log(`${rel(dir)} is up to date with ${rel(lock)} (sha256 ${wanted.slice(0, 12)}…); nothing to do.`);
      return false;
    }
    log(have === null
      ? `${rel(dir)} has no ${rel(hashFile)}; building it from ${rel(lock)}.`
      : `${rel(lock)} changed (sha256 ${have.slice(0, 12)}… -> ${wanted.slice(0, 12)}…); rebuilding ${rel(dir)}.`);
    return true;
  });
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function build({ lock, dir }) {
  const label = rel(dir);
  const wanted = sha256(lock);
  const venvPython = join(dir, 'bin', 'python');
  const started = Date.now();
  if (existsSync(dir)) {
    log(`removing old ${label}`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dirname(dir), { recursive: true });
  await run(label, python, ['-m', 'venv', dir]);
  await run(label, venvPython, ['-m', 'pip', 'install', '--progress-bar', 'off', '-r', lock]);
  await run(label, venvPython, ['-m', 'pip', 'check']);
  writeFileSync(join(dir, '.requirements-hash'), `${wanted}\n`);
  log(`${label} built in ${((Date.now() - started) / 1000).toFixed(0)} s; it matches sha256 ${wanted.slice(0, 12)}….`);
}

const todo = outdated();
if (todo.length > 0) {
  checkPython();
  const results = await Promise.allSettled(todo.map(build));
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [`${rel(todo[i].dir)}: ${r.reason.message}`] : []));
  if (failures.length > 0) fail(failures.join('\n'));
}
