// Converting and rekeying a store under SIGKILL (issue 12). A child process runs
// `sextant store encrypt|decrypt` (convertStore) or a stream of rekeys (rekeyStore) on a seeded
// store and is SIGKILLed at a random moment; half the conversion kills land within a few ms of
// the swap (the child says when its copy is complete). After each kill:
//  - the store is the old one or the new one, never a mix: once an interrupted swap is finished
//    (what the next run does first), it opens plain or with the key and holds exactly the seeded
//    data (every table row, metric point and artifact byte);
//  - running the command again to completion gives the store as asked, with nothing left beside it.
// Rekey: after each kill the store opens with exactly one of the two keys, the other is refused.
//
//   SEXTANT_DURABILITY_SEED=<n>     replay the kill times (the seed is printed first)
//   SEXTANT_DURABILITY_ROUNDS=<n>   kill rounds per test (default 10)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertStore, type ConvertTarget } from '../../electron/store/convert/convert-store';
import { rekeyStore } from '../../electron/store/convert/store-rekey';
import { finishInterruptedSwap } from '../../electron/store/convert/swap-recovery';
import { StoreKeyError, writeNewKeyFile, type KekSource } from '../../electron/store/crypto/keys';
import { readManifest } from '../../electron/store/manifest';
import { fingerprintStore, seedStore } from '../support/convert-fixture';
import { repoRoot } from '../support/paths';
import { useTempDirs } from '../support/temp-dir';
import { createRng } from './support/rng';

const tempDir = useTempDirs();
const envInt = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const SEED = envInt('SEXTANT_DURABILITY_SEED', Math.floor(Math.random() * 2 ** 31));
const ROUNDS = envInt('SEXTANT_DURABILITY_ROUNDS', 10);

const CONVERT_CHILD = `
const { convertStore } = await import(process.env.CONVERT_URL);
process.stdout.write('ready\\n');
await convertStore({
  dir: process.env.STORE, to: process.env.TO, key: { kind: 'key-file', path: process.env.KEY },
  beforeSwap: () => void process.stdout.write('swap\\n'),
});
process.stdout.write('done\\n');
`;

const REKEY_CHILD = `
const { rekeyStore } = await import(process.env.REKEY_URL);
const keys = [process.env.KEY_A, process.env.KEY_B];
let from = Number(process.env.FROM);
process.stdout.write('ready\\n');
for (;;) {
  await rekeyStore({ dir: process.env.STORE, from: { kind: 'key-file', path: keys[from] }, to: { kind: 'key-file', path: keys[1 - from] } });
  from = 1 - from;
  process.stdout.write('rekeyed ' + from + '\\n');
}
`;

/** Runs a child until it is killed: `killAt(output)` says, each time it prints, after how many ms to kill it (null: not yet). */
function runChild(script: string, env: Record<string, string>, killAt: (output: string) => number | null): Promise<{ output: string; finished: boolean; msFromReady: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stderr = '';
    let armed = false;
    let readyAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (!readyAt && output.includes('ready\n')) readyAt = Date.now();
      if (armed) return;
      const ms = killAt(output);
      if (ms === null) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), ms);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) return resolve({ output, finished: code === 0, msFromReady: Date.now() - readyAt });
      reject(new Error(`the child failed (${signal ?? code}): ${stderr}`));
    });
  });
}

function newKey(): KekSource & { kind: 'key-file' } {
  const path = join(tempDir(), 'store.key');
  writeNewKeyFile(path);
  return { kind: 'key-file', path };
}

const beside = (dir: string) => readdirSync(dirname(dir)).filter((n) => n !== basename(dir));

describe('durability: store encrypt/decrypt and rekey SIGKILLed at random moments', () => {
  it(`encrypt and decrypt leave the old store or the new one, and a run again finishes, over ${ROUNDS} kills (seed ${SEED})`, { timeout: 120_000 + ROUNDS * 60_000 }, async () => {
    const rng = createRng(SEED);
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { runs: 3, points: 3000, artifactBytes: 400_000 });
    const seeded = await fingerprintStore(dir);
    const key = newKey();
    const env = (to: ConvertTarget) => ({ CONVERT_URL: pathToFileURL(join(repoRoot, 'electron/store/convert/convert-store.ts')).href, STORE: dir, TO: to, KEY: key.path });
    // How long a whole conversion takes here, once the child has loaded (the kills are spread over it).
    const first = await runChild(CONVERT_CHILD, env('encrypted'), () => null);
    expect(first.finished).toBe(true);
    const fullMs = first.msFromReady;
    let target: ConvertTarget = 'plain';
    const outcomes = { old: 0, converted: 0, atSwap: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      const nearSwap = rng.chance(0.5);
      const delay = nearSwap ? rng.int(0, 15) : rng.int(0, fullMs);
      const { output, finished } = await runChild(CONVERT_CHILD, env(target), (out) => (nearSwap ? (out.includes('swap\n') ? delay : null) : out.includes('ready\n') ? delay : null));
      if (output.includes('swap\n')) outcomes.atSwap++;
      // What the next run does first (odd rounds), or what the next open does (even rounds: Store.open
      // finishes an interrupted swap itself); then the store is one or the other, whole.
      if (round % 2) await finishInterruptedSwap(dir);
      const now = await fingerprintStore(dir).catch((err: unknown) => {
        if (err instanceof StoreKeyError && err.code === 'key-missing') return fingerprintStore(dir, key);
        throw err;
      });
      const encrypted = readManifest(dir)?.encryption !== undefined;
      expect(now, `round ${round}`).toEqual({ ...seeded, encrypted });
      const converted = encrypted === (target === 'encrypted');
      outcomes[converted ? 'converted' : 'old']++;
      process.stdout.write(`[convert-durability] round ${round}/${ROUNDS}: ${target}, killed ${nearSwap ? `${delay} ms after the copy was complete` : `${delay} ms after it was ready`}${finished ? ' (it had finished)' : ''}; found the ${converted ? 'converted' : 'old'} store\n`);
      // Run again to completion: the store as asked, nothing beside it.
      await convertStore({ dir, to: target, key });
      expect(await fingerprintStore(dir, target === 'encrypted' ? key : undefined)).toEqual({ ...seeded, encrypted: target === 'encrypted' });
      expect(beside(dir), `round ${round}: nothing left beside the store`).toEqual([]);
      target = target === 'encrypted' ? 'plain' : 'encrypted';
    }
    process.stdout.write(`[convert-durability] seed ${SEED}: ${JSON.stringify(outcomes)}\n`);
    expect(outcomes.atSwap).toBeGreaterThan(0);
  });

  it(`rekey leaves a store that opens with exactly one of the two keys, over ${ROUNDS} kills (seed ${SEED})`, { timeout: 60_000 + ROUNDS * 30_000 }, async () => {
    const rng = createRng(SEED + 1);
    const keys = [newKey(), newKey()] as const;
    const dir = join(tempDir(), 'store');
    await seedStore(dir, { key: keys[0], runs: 2, points: 500, artifactBytes: 10_000 });
    const seeded = await fingerprintStore(dir, keys[0]);
    let current = 0;
    let rekeys = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const delay = rng.int(0, 1500);
      const env = { REKEY_URL: pathToFileURL(join(repoRoot, 'electron/store/convert/store-rekey.ts')).href, STORE: dir, KEY_A: keys[0].path, KEY_B: keys[1].path, FROM: String(current) };
      const { output } = await runChild(REKEY_CHILD, env, (out) => (out.includes('ready\n') ? delay : null));
      rekeys += output.split('\n').filter((l) => l.startsWith('rekeyed')).length;
      const opens: unknown[] = [];
      for (const k of keys) opens.push(await fingerprintStore(dir, k).then((f) => f, (e: unknown) => e));
      const good = opens.filter((o) => !(o instanceof Error));
      expect(good.length, `round ${round}: exactly one key opens the store`).toBe(1);
      expect(good[0]).toEqual(seeded);
      const refused = opens.find((o) => o instanceof Error);
      expect(refused).toBeInstanceOf(StoreKeyError);
      expect((refused as StoreKeyError).code).toBe('wrong-key');
      current = opens[0] instanceof Error ? 1 : 0;
      process.stdout.write(`[rekey-durability] round ${round}/${ROUNDS}: killed ${delay} ms after it was ready; opens with key ${current}\n`);
    }
    // A rekey then still works from the key that opens it.
    await rekeyStore({ dir, from: keys[current]!, to: keys[1 - current]! });
    expect(await fingerprintStore(dir, keys[1 - current])).toEqual(seeded);
    expect(rekeys).toBeGreaterThan(0);
    expect(beside(dir)).toEqual([]);
  });
});
