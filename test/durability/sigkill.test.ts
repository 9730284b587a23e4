// Durability under SIGKILL (reliability R1, with R3/R4/R11 along the way): concurrent MLflow
// clients write to `sextant serve` while it is SIGKILLed; the store is reopened, and every
// write the server answered 200 must be there exactly once, and every unanswered write wholly
// there or wholly absent. Rounds continue on the same store, so recoveries are recovered from
// (some rounds also kill the server while it is still opening the store). A small
// SEXTANT_CHECKPOINT_BYTES makes checkpoints (snapshot + new journal segment) frequent, and
// some kills are aimed at a checkpoint's crash points by watching the store folder.
//
//   SEXTANT_DURABILITY_SEED=<n>       replay a run (the seed is printed first)
//   SEXTANT_DURABILITY_ROUNDS=<n>     kill/restart rounds (default 25)
//   SEXTANT_DURABILITY_ENCRYPTED_ROUNDS=<n>  rounds of the encrypted-store variant (default 8; 0 skips it)
//   SEXTANT_DURABILITY_CLIENTS=<n>    concurrent clients (default 8)
//   SEXTANT_DURABILITY_CHECKPOINT_BYTES=<n>   journal metadata bytes per checkpoint (default 10000;
//                                     one restart in three uses a tenth of it)
//   SEXTANT_DURABILITY_KEEP=1         keep the store folder even when the test passes
//   SEXTANT_DURABILITY_BIG=1          start from a store that already holds 50,000 runs (10 params,
//                                     10 metrics, 3 tags each, in the Default experiment; seeded once
//                                     into .cache/big-store/, copied for each run; SEXTANT_BIG_STORE_RUNS
//                                     to change the count): each checkpoint is then a ~200 MB snapshot
//                                     taken by the checkpoint worker, and the kills land inside them.
//                                     12 rounds unless told otherwise; `npm run test:durability:big`.
//
// The same test also runs on an encrypted store (issue 12), with fewer rounds: a key file (mode
// 0600) made beside the store is passed as SEXTANT_KEY_FILE to every start (and to the probe that
// opens a copy of a store that failed to start), so every reopen and check reads the encrypted
// store; each start must say it serves an encrypted store, and at the end store.json must be
// format 3 with a key-file `encryption` header and every snapshot sealed.
//
// Needs `npm run build` (the server is out/cli/cli.js). The seed fixes the workload, the kill
// plans and the restarts; thread and fsync timing still vary, so a replay reaches nearby, not
// identical, states.
import { existsSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyStore } from '../support/copy-store';
import { encryptedStoreProblems, newEncryptedStoreDir, servingEncryptedLine, type EncryptedStoreDir } from '../support/encrypted-store';
import { repoRoot } from '../support/paths';
import { startSextant, type RunningServer } from '../support/servers';
import { MlflowHttp } from './support/http';
import { Model } from './support/model';
import { createRng, type Rng } from './support/rng';
import { bigStoreRuns, copyBigStore } from './support/big-store';
import { armKill, orphanTempFiles, serveOnce, serverLogFacts, sigkill, storeFiles, type KillPlan } from './support/store-process';
import { verifySeededRuns } from './support/verify-seeded';
import { verifyStore, type VerifyReport } from './support/verify';
import { Workload } from './support/workload';

const envInt = (name: string, dflt: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return n;
};

const BIG = process.env.SEXTANT_DURABILITY_BIG === '1';
const BIG_RUNS = BIG ? bigStoreRuns() : 0;
const SEED = envInt('SEXTANT_DURABILITY_SEED', Math.floor(Math.random() * 2 ** 31));
const ROUNDS = envInt('SEXTANT_DURABILITY_ROUNDS', BIG ? 12 : 25);
const ENCRYPTED_ROUNDS = envInt('SEXTANT_DURABILITY_ENCRYPTED_ROUNDS', 8);
const CLIENTS = Math.max(1, envInt('SEXTANT_DURABILITY_CLIENTS', 8));
const CHECKPOINT_BYTES = envInt('SEXTANT_DURABILITY_CHECKPOINT_BYTES', 10_000);
const KEEP = process.env.SEXTANT_DURABILITY_KEEP === '1';
/** Every this many rounds (and at the end) every run is checked, not only the ones just written to. */
const FULL_CHECK_EVERY = 10;

const log = (line: string) => process.stdout.write(`[durability] ${line}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Mostly a random moment in full flow (some right after the start); otherwise a checkpoint's
 * crash points. A big store's checkpoints take seconds (the worker first reads the ~200 MB
 * snapshot, then exports and writes one), so its kills wait longer for them, and its random
 * moments spread over that much time too.
 */
function killPlan(rng: Rng): KillPlan {
  const mode = rng.weighted({ random: 40, 'new-segment': 20, 'snapshot-write': 20, 'manifest-switch': 20 });
  if (mode !== 'random') return { mode, ms: BIG ? 20_000 : 4000 };
  return { mode, ms: rng.chance(0.15) ? rng.int(0, 150) : rng.int(150, BIG ? 8000 : 3000) };
}

/** Restarts vary the checkpoint size: a store must open whatever threshold wrote it. */
function checkpointBytes(rng: Rng): number {
  return rng.chance(1 / 3) ? Math.max(1, Math.round(CHECKPOINT_BYTES / 10)) : CHECKPOINT_BYTES;
}

class DurabilityFailure extends Error {}

interface Variant {
  /** Rounds of kills and restarts. */
  rounds: number;
  /** Runs on a new store encrypted with a key file (never with the big store: it is plain). */
  encrypted: boolean;
}

function durabilityTest({ rounds: ROUNDS, encrypted }: Variant) {
  it(`keeps every acknowledged write exactly once over ${ROUNDS} kill/restart rounds${encrypted ? ' on an encrypted store' : ''} (seed ${SEED})`, async () => {
    const cli = join(repoRoot, 'out', 'cli', 'cli.js');
    expect(existsSync(cli), 'run `npm run build` first: the test starts out/cli/cli.js').toBe(true);
    const build = () => {
      const st = statSync(cli);
      return `${st.size}@${st.mtimeMs}`;
    };
    const builtAs = build();
    const keyed: EncryptedStoreDir | null = encrypted ? await newEncryptedStoreDir('sextant-durability-encrypted-') : null;
    const dataDir = keyed ? keyed.storeDir : await mkdtemp(join(tmpdir(), 'sextant-durability-'));
    /** Given to every start of the server, and to the probe of a store that did not open. */
    const keyEnv = keyed?.env ?? {};
    log(`seed ${SEED} (SEXTANT_DURABILITY_SEED=${SEED} to replay), ${ROUNDS} rounds, ${CLIENTS} clients, checkpoint every ${CHECKPOINT_BYTES} journal bytes, store ${dataDir}${keyed ? ` encrypted with the key file ${keyed.keyFile}` : ''}`);
    if (BIG) {
      await rm(dataDir, { recursive: true });
      const t = Date.now();
      await copyBigStore(dataDir, BIG_RUNS, log);
      log(`the store starts with ${BIG_RUNS.toLocaleString('en-US')} seeded runs (copied in ${secs(Date.now() - t)})`);
    }
    const started = Date.now();
    const model = new Model(`d${SEED.toString(36)}`);
    const root = createRng(SEED);
    const totals = { acked: 0, unanswered: 0, present: 0, absent: 0, checkpoints: 0, workerCheckpoints: 0, checkpointKills: 0, tornTails: 0, startupKills: 0 };
    const readProblems: string[] = [];
    let round = 0;
    let server: RunningServer | null = null;
    let previousOutput = '';

    const fail = (what: string, details: string[], output = server?.output() ?? previousOutput): never => {
      const when = round > ROUNDS ? `after all ${ROUNDS} rounds` : `round ${round}`;
      // This test only ever SIGKILLs (and SIGTERMs at the very end): a graceful stop mid-run came from outside.
      if (/\] SIG(TERM|INT): flushing/.test(output) && round <= ROUNDS) details.push('the server was sent SIGTERM/SIGINT by another process, not by this test: rerun');
      throw new DurabilityFailure(
        `${what} — ${when}, seed ${SEED} (rerun with SEXTANT_DURABILITY_SEED=${SEED}); store kept at ${dataDir}\n` +
          details.map((d) => `  - ${d}`).join('\n') +
          (output ? `\n--- server output (last 3000 chars) ---\n${output.slice(-3000)}` : ''),
      );
    };

    const restart = async (env: NodeJS.ProcessEnv): Promise<RunningServer> => {
      // Another build mid-run would have two server versions write one store: the run would prove nothing.
      if (build() !== builtAs) throw new Error(`out/cli/cli.js was rebuilt while the durability test ran (round ${round}); rerun it on a stable build (seed ${SEED})`);
      for (let attempt = 1; ; attempt++) {
        let started: RunningServer;
        try {
          started = await startSextant({ dataDir, env });
        } catch (err) {
          // Open a copy of the store as the kill left it, to tell a store that does not open
          // from a start that failed for another reason (e.g. another process took the port).
          const message = (err as Error).message.split('\n')[0]!;
          const evidence = `${dataDir}-as-killed`;
          rmSync(evidence, { recursive: true, force: true });
          copyStore(dataDir, evidence);
          const probe = await serveOnce(evidence, env, { killAfterMs: 60_000, untilServing: true });
          if (!probe.serving) return fail(`the store did not open after a SIGKILL (a copy as the kill left it: ${evidence})`, [message], probe.output);
          rmSync(evidence, { recursive: true, force: true });
          if (attempt === 3) return fail('`sextant serve` failed to start three times, though a copy of the store opens', [message], (err as Error).message);
          log(`  (a start failed: ${message}; a copy of the store opens, so trying again)`);
          continue;
        }
        if (encrypted && !started.output().includes(servingEncryptedLine(dataDir))) {
          server = started;
          return fail('`sextant serve` given the key file did not serve the store as an encrypted store', []);
        }
        return started;
      }
    };

    const check = async (s: RunningServer, rng: Rng, full: boolean): Promise<VerifyReport> => {
      let report: VerifyReport;
      try {
        report = await verifyStore(new MlflowHttp(s.url), model, { full, sinceRound: round - 1, rng: rng.fork('verify'), searchRuns: await hasRunsSearch(s) });
      } catch (err) {
        const exit = s.process.exitCode !== null || s.process.signalCode !== null ? ` (the server exited: code ${s.process.exitCode}, signal ${s.process.signalCode})` : '';
        return fail(`reading the reopened store failed${exit}`, [(err as Error).message]);
      }
      if (report.violations.length) fail('acknowledged writes were not recovered exactly once', report.violations);
      if (report.readViolations.length) {
        if (!readProblems.length) log(`  ! read-path problem (reported at the end; the rounds go on): ${report.readViolations[0]}`);
        readProblems.push(...report.readViolations.map((v) => `round ${round}: ${v}`));
      }
      totals.present += report.resolvedPresent;
      totals.absent += report.resolvedAbsent;
      return report;
    };

    try {
      for (round = 1; round <= ROUNDS; round++) {
        const rng = root.fork(`round-${round}`);
        const env = { SEXTANT_CHECKPOINT_BYTES: String(checkpointBytes(rng)), ...keyEnv };
        let startupKill = '';
        if (round > 1 && rng.chance(0.2)) {
          // A crash during recovery: the next start must recover from the recovery.
          const after = rng.int(50, 600);
          const r = await serveOnce(dataDir, env, { killAfterMs: after });
          if (!r.exitedFirst) totals.startupKills++;
          startupKill = r.exitedFirst ? `; a start to be killed at ${after} ms exited first: ${r.output.trim().split('\n').pop()}` : `; killed once ${after} ms into a start${r.serving ? ' (it was serving already)' : ''}`;
        }

        const t0 = Date.now();
        server = await restart(env);
        const openedAt = Date.now();
        const facts = serverLogFacts(server.output());
        totals.tornTails += facts.tornTails;
        if (round > 1) {
          const full = round % FULL_CHECK_EVERY === 0;
          const report = await check(server, rng, full);
          const c = report.checked;
          log(
            `  reopened in ${secs(openedAt - t0)} (checked in ${secs(Date.now() - openedAt)}): replayed ${facts.replayed} ops${facts.tornTails ? ', dropped a torn tail' : ''}${startupKill}; ` +
              `unanswered → ${report.resolvedPresent} present / ${report.resolvedAbsent} absent${report.unresolvable ? ` (${report.unresolvable} not checkable)` : ''}; ` +
              `checked ${c.runs} runs, ${c.series} series, ${c.points} points, ${c.artifacts} artifacts${full ? ' (full)' : ''}`,
          );
        }

        const before = storeFiles(dataDir);
        const workload = new Workload(new MlflowHttp(server.url), model, round, rng.fork('workload'));
        const plan = killPlan(rng);
        const running = workload.run(CLIENTS);
        const victim = server;
        let diedBefore = '';
        const why = await armKill(dataDir, plan, () => {
          if (victim.process.exitCode !== null || victim.process.signalCode !== null) diedBefore = `code ${victim.process.exitCode}, signal ${victim.process.signalCode}`;
          workload.stop();
          victim.process.kill('SIGKILL');
        });
        if (diedBefore) fail(`the server exited on its own while clients were logging (${diedBefore})`, []);
        await sigkill(victim); // waits for the exit
        await running;
        const s = workload.stats;
        const files = storeFiles(dataDir);
        const runFacts = serverLogFacts(victim.output());
        previousOutput = victim.output();
        server = null;
        const acked = Object.values(s.acked).reduce((a, b) => a + b, 0);
        const inCheckpoint = (files.segments > 1 || files.snapshots > 1 || files.temps > 0) && files.listing !== before.listing;
        totals.acked += acked;
        totals.unanswered += s.unanswered;
        totals.checkpoints += runFacts.checkpoints;
        totals.workerCheckpoints += runFacts.workerCheckpoints;
        if (inCheckpoint) totals.checkpointKills++;
        log(
          `round ${round}/${ROUNDS}: SIGKILL (${why}; checkpoint every ${env.SEXTANT_CHECKPOINT_BYTES} B); acked ${acked} ` +
            `(${Object.entries(s.acked).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}), unanswered ${s.unanswered}, retries ${s.retries}, reads ${s.reads}; ` +
            `${runFacts.checkpoints} checkpoints; left ${files.segments} segment(s), ${files.snapshots} snapshot(s)${files.temps ? `, ${files.temps} temp file(s)` : ''}` +
            `${inCheckpoint ? ' ← killed inside a checkpoint' : ''}`,
        );
        if (s.violations.length) fail('the server misbehaved while clients were logging', s.violations, previousOutput);
        if (runFacts.storeFailures.length) fail('the store reported a failure', runFacts.storeFailures, previousOutput);
      }

      // Recover from the last kill and check everything; then a clean stop and one more full check.
      const env = { SEXTANT_CHECKPOINT_BYTES: String(CHECKPOINT_BYTES), ...keyEnv };
      server = await restart(env);
      let report = await check(server, root.fork('final'), true);
      log(`final reopen: unanswered → ${report.resolvedPresent} present / ${report.resolvedAbsent} absent; checked ${report.checked.runs} runs, ${report.checked.points} points, ${report.checked.artifacts} artifacts`);
      await server.stop({ keepData: true });
      previousOutput = server.output();
      // The clean stop's own checkpoint (on the big store, by the worker, which started as the store opened).
      const closing = serverLogFacts(previousOutput);
      server = await restart(env);
      report = await check(server, root.fork('after-clean-stop'), true);
      if (BIG) {
        const seeded = await verifySeededRuns(new MlflowHttp(server.url), BIG_RUNS, root.fork('seeded'));
        if (seeded.problems.length) fail('the seeded runs of the big store did not all survive', seeded.problems.slice(0, 15));
        log(`the ${BIG_RUNS.toLocaleString('en-US')} seeded runs are all there (${seeded.checked} checked in full)`);
      }
      await server.stop({ keepData: true });
      server = null;
      log(
        `done in ${secs(Date.now() - started)}: ${ROUNDS} SIGKILLs (+${totals.startupKills} during startup), ${totals.acked} acknowledged writes all present once; ` +
          `${totals.unanswered} unanswered → ${totals.present} present / ${totals.absent} absent; ${totals.checkpoints} checkpoints, ` +
          `${totals.checkpointKills} kills inside a checkpoint, ${totals.tornTails} torn tails dropped` +
          `${BIG ? `; ${totals.workerCheckpoints} checkpoints by the worker on the ${BIG_RUNS.toLocaleString('en-US')}-run store between kills, ${closing.workerCheckpoints} at the clean stop` : ''}; seed ${SEED}`,
      );
      const orphans = orphanTempFiles(dataDir);
      if (orphans.count) log(`note: the kills left ${orphans.count} temp files (${orphans.bytes} bytes) that nothing removes (cut-off artifact uploads, store.json temp files)`);
      if (readProblems.length) fail(`the stored data survived every kill, but a read path showed it wrongly (${readProblems.length} problems; the first ones)`, readProblems.slice(0, 15), '');
      // Checkpoints came from the threshold while clients logged: completed ones, or ones a kill cut
      // short (a second segment or snapshot, or a temp file, is only ever made by a checkpoint). The
      // kills may cut every one short (a big store's take seconds), and then only the clean stop's
      // completes, which on the big store must be the worker's.
      const triggered = totals.checkpoints + totals.checkpointKills + (BIG ? closing.checkpoints : 0);
      expect(triggered, `no checkpoint happened: is SEXTANT_CHECKPOINT_BYTES=${CHECKPOINT_BYTES} honoured by \`sextant serve\`?`).toBeGreaterThan(0);
      expect(totals.acked).toBeGreaterThan(0);
      if (BIG) {
        expect(totals.workerCheckpoints + closing.workerCheckpoints, 'no checkpoint of the big store was taken by the worker: is the worker built beside out/cli/cli.js?').toBeGreaterThan(0);
        expect(totals.checkpointKills, 'no kill landed inside a checkpoint of the big store').toBeGreaterThan(0);
      }
      if (encrypted) {
        // After the clean stop: its closing checkpoint's snapshot is sealed too.
        const problems = encryptedStoreProblems(dataDir);
        if (problems.length) fail('the store the rounds ran on is not an encrypted store', problems, '');
        log('the store is encrypted: store.json format 3 with a key-file encryption header, every snapshot sealed');
      }
      if (!KEEP) await (keyed ? keyed.remove() : rm(dataDir, { recursive: true, force: true }));
    } finally {
      if (server) await sigkill(server);
    }
  }, Math.max(120_000, ROUNDS * (BIG ? 90_000 : 20_000)) + (BIG ? 600_000 : 0)); // big: + seeding the template the first time
}

describe('durability: SIGKILL during concurrent MLflow logging', () => {
  durabilityTest({ rounds: ROUNDS, encrypted: false });
});

describe.skipIf(BIG || ENCRYPTED_ROUNDS === 0)('durability: SIGKILL during concurrent MLflow logging, encrypted store (key file)', () => {
  durabilityTest({ rounds: ENCRYPTED_ROUNDS, encrypted: true });
});

/** Whether this server has runs/search (it finds runs whose create was never answered). */
async function hasRunsSearch(server: RunningServer): Promise<boolean> {
  const out = await new MlflowHttp(server.url).postJson('runs/search', { experiment_ids: ['0'], max_results: 1 });
  if (out.kind === 'ok') return true;
  if (out.kind === 'error' && out.status === 404 && out.text.includes('ENDPOINT_NOT_FOUND')) return false;
  throw new Error(`runs/search probe: ${JSON.stringify(out)}`);
}
