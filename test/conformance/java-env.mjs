#!/usr/bin/env node
// Builds the Java client conformance program (test/conformance/java) once:
//   mvn -q -B clean package  ->  test/conformance/java/target/sextant-java-conformance.jar
// with its dependencies (org.mlflow:mlflow-client, slf4j) copied to target/lib/ and named in
// the jar's manifest, so it then runs without Maven:
//   java -jar test/conformance/java/target/sextant-java-conformance.jar http://127.0.0.1:PORT
// Skips the build when the jar is newer than pom.xml and every file under src/.
// Maven's own output is shown only when the build fails. Uses the default local repository
// (~/.m2); the first build downloads from Maven Central, later ones work offline.
//
// Usage: node test/conformance/java-env.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const projectDir = join(here, 'java');
const pom = join(projectDir, 'pom.xml');
const srcDir = join(projectDir, 'src');
const jarPath = join(projectDir, 'target', 'sextant-java-conformance.jar');
const libDir = join(projectDir, 'target', 'lib');

// Maven 3.8 prints bare colour resets even with -B -q; strip them from what we show.
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const rel = (p) => relative(root, p) || '.';
const say = (msg) => console.log(`java-env: ${msg}`);
const fail = (msg) => {
  console.error(`java-env: ERROR: ${msg}`);
  process.exit(1);
};

/** Newest modification time (ms) among pom.xml and every file under src/. */
function newestInput() {
  let newest = statSync(pom).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(srcDir);
  return newest;
}

function upToDate() {
  if (!existsSync(jarPath) || !existsSync(libDir)) return false;
  if (!readdirSync(libDir).some((f) => f.startsWith('mlflow-client-'))) return false;
  return statSync(jarPath).mtimeMs > newestInput();
}

function requireTool(cmd, args, hint) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) fail(`\`${cmd}\` not found on PATH (${r.error.message}). ${hint}`);
  return `${r.stdout}${r.stderr}`.split('\n').find((l) => l.trim()) ?? '';
}

if (!existsSync(pom)) fail(`missing ${rel(pom)}`);

const force = process.argv.includes('--force');
if (!force && upToDate()) {
  say(`up to date: ${rel(jarPath)} is newer than pom.xml and src/ (pass --force to rebuild)`);
  process.exit(0);
}

say(`java: ${requireTool('java', ['-version'], 'Install a JDK 17+ (Debian: apt-get install openjdk-17-jdk-headless).')}`);
const mvnVersion = requireTool('mvn', ['-v', '-B'], 'Install Maven 3.8+ (Debian: apt-get install maven).');
say(`mvn: ${mvnVersion.replace(ansi, '')}`);

const args = ['-q', '-B', '-Dstyle.color=never', '-f', pom, 'clean', 'package'];
say(`${force ? 'rebuilding (--force)' : 'building'}: mvn ${args.map((a) => (a === pom ? rel(pom) : a)).join(' ')}`);
const started = Date.now();
const r = spawnSync('mvn', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (r.error) fail(`could not run mvn: ${r.error.message}`);
if (r.status !== 0) {
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.replace(ansi, '').trim();
  console.error(out);
  fail(`mvn exited with ${r.status ?? r.signal} after ${seconds}s (output above)`);
}
if (!existsSync(jarPath)) fail(`mvn succeeded but ${rel(jarPath)} is missing`);
say(`built ${rel(jarPath)} (+ ${readdirSync(libDir).length} jars in ${rel(libDir)}) in ${seconds}s`);
say(`run: java -jar ${rel(jarPath)} <tracking-uri>`);
