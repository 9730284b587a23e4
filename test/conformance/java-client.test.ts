// The official MLflow Java client (org.mlflow:mlflow-client, unmodified, from Maven Central)
// against a real `mlflow server` and against `sextant serve`, in the same run. The Java side
// lives in test/conformance/java (built by java-env.mjs); it prints one `ok N - ...` line per
// verified check and exits non-zero at the first mismatch. It also runs against `sextant serve` on
// a new encrypted store (issue 12: key file in SEXTANT_KEY_FILE); the stopped store must then be
// format 3 with a key-file `encryption` header and sealed snapshots.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptedStoreProblems, newEncryptedStoreDir, servingEncryptedLine } from '../support/encrypted-store';
import { repoRoot } from '../support/paths';
import { type RunningServer, startMlflow, startSextant } from '../support/servers';

const javaEnv = join(repoRoot, 'test', 'conformance', 'java-env.mjs');
const jar = join(repoRoot, 'test', 'conformance', 'java', 'target', 'sextant-java-conformance.jar');
const sextantCli = join(repoRoot, 'out', 'cli', 'cli.js');

const BUILD_TIMEOUT_MS = 10 * 60_000; // first build downloads the client and Maven plugins
const RUN_TIMEOUT_MS = 3 * 60_000;
const CASE_TIMEOUT_MS = 6 * 60_000; // server start (mlflow: up to 2 min) + program + stop

interface JavaResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
}

/** Runs the conformance program against `url` (async, so the server's pipes keep draining). */
function runJavaClient(url: string): Promise<JavaResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('java', ['-jar', jar, url], {
      cwd: repoRoot,
      env: { ...process.env, MLFLOW_TRACKING_URI: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => {
      output += `\n[test] java did not finish within ${RUN_TIMEOUT_MS} ms; killing it\n`;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, ms: Date.now() - started });
    });
  });
}

function report(name: string, server: RunningServer, r: JavaResult): string {
  const tail = server.output().split('\n').slice(-60).join('\n');
  return [
    `Java client against ${name} (${server.url}) exited with ${r.code ?? r.signal} after ${r.ms} ms.`,
    '--- java output ---',
    r.output.trimEnd(),
    `--- ${name} output (last 60 lines) ---`,
    tail.trimEnd(),
  ].join('\n');
}

async function conformanceAgainst(name: string, start: () => Promise<RunningServer>): Promise<void> {
  const server = await start();
  try {
    const r = await runJavaClient(server.url);
    const summary = r.output.split('\n').filter((l) => l.startsWith('# all ') || l.startsWith('FAIL:'));
    console.log(`[java-client] ${name}: ${summary.join(' | ') || `exit ${r.code}`} (${r.ms} ms)`);
    // A failed assertion prints the whole transcript, server output included.
    expect(r.code, report(name, server, r)).toBe(0);
    expect(r.output).toMatch(/^# all \d+ checks passed/m);
  } finally {
    await server.stop();
  }
}

describe('Java client conformance', () => {
  beforeAll(() => {
    // Builds the jar only when pom.xml or the sources are newer; prints what it did.
    const r = spawnSync(process.execPath, [javaEnv], { cwd: repoRoot, encoding: 'utf8' });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd();
    if (r.status !== 0) throw new Error(`java-env.mjs failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}):\n${out}`);
    if (out) console.log(out);
    if (!existsSync(jar)) throw new Error(`java-env.mjs succeeded but ${jar} is missing`);
  }, BUILD_TIMEOUT_MS);

  it('passes against a real mlflow server', async () => {
    await conformanceAgainst('mlflow server', () => startMlflow());
  }, CASE_TIMEOUT_MS);

  it('passes against sextant serve', async () => {
    // Must fail, not skip, while the CLI is missing.
    expect(existsSync(sextantCli), `Sextant's CLI is not built (${sextantCli} missing): run \`npm run build\``).toBe(true);
    await conformanceAgainst('sextant serve', () => startSextant());
  }, CASE_TIMEOUT_MS);

  it('passes against sextant serve on an encrypted store', async () => {
    expect(existsSync(sextantCli), `Sextant's CLI is not built (${sextantCli} missing): run \`npm run build\``).toBe(true);
    const encrypted = await newEncryptedStoreDir('sextant-java-encrypted-');
    try {
      // The store folder is given, so stopping the server keeps it for the check below.
      await conformanceAgainst('sextant serve (encrypted store)', async () => {
        const server = await startSextant({ dataDir: encrypted.storeDir, env: encrypted.env });
        if (!server.output().includes(servingEncryptedLine(encrypted.storeDir))) {
          await server.stop();
          throw new Error(`sextant serve with SEXTANT_KEY_FILE did not say it serves an encrypted store:\n${server.output()}`);
        }
        return server;
      });
      expect(encryptedStoreProblems(encrypted.storeDir), 'the store the Java client ran on is not encrypted').toEqual([]);
    } finally {
      await encrypted.remove();
    }
  }, CASE_TIMEOUT_MS);
});
