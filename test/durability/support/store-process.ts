import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { sextantBin } from '../../support/paths';
import type { RunningServer } from '../../support/servers';

/** SIGKILLs a running server and waits until it is gone. */
export async function sigkill(server: RunningServer): Promise<void> {
  const p = server.process;
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = once(p, 'exit');
  p.kill('SIGKILL');
  await exited;
}

/**
 * Starts `sextant serve` on the store (on a port of its own choosing) and SIGKILLs it after
 * `killAfterMs`, whatever it is doing then (loading the snapshot, replaying or truncating the
 * journal: a crash during recovery), or as soon as it serves when `untilServing`.
 * Returns everything it printed, whether it got to serving, and whether it exited by itself.
 */
export async function serveOnce(dataDir: string, env: NodeJS.ProcessEnv, opts: { killAfterMs: number; untilServing?: boolean }): Promise<{ output: string; serving: boolean; exitedFirst: boolean }> {
  const child = spawn(process.execPath, [sextantBin, 'serve', '--store', dataDir, '--host', '127.0.0.1', '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onServing = () => {};
  const serving = new Promise<void>((r) => (onServing = r));
  const onData = (d: Buffer) => {
    output += d.toString();
    if (output.includes('MLFLOW_TRACKING_URI=')) onServing();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const closed = once(child, 'close'); // after 'exit' and after its output was read to the end
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, opts.killAfterMs))), ...(opts.untilServing ? [serving] : [])]);
  clearTimeout(timer);
  const exitedFirst = child.exitCode !== null || child.signalCode !== null;
  if (!exitedFirst) child.kill('SIGKILL');
  await closed;
  return { output, serving: output.includes('MLFLOW_TRACKING_URI='), exitedFirst };
}

/** The store's checkpoint-related files (journal segments, snapshots, temp files), for the round summary. */
export function storeFiles(dataDir: string): { segments: number; snapshots: number; temps: number; listing: string } {
  const list = (sub: string) => (existsSync(join(dataDir, sub)) ? readdirSync(join(dataDir, sub)).map((n) => `${sub}/${n}`) : []);
  const segments = list('journal').filter((n) => n.endsWith('.log'));
  const snapshots = list('snapshots').filter((n) => n.endsWith('.sqlite'));
  const temps = [...list('.'), ...list('snapshots'), ...list('journal')].filter((n) => n.includes('.tmp-'));
  return { segments: segments.length, snapshots: snapshots.length, temps: temps.length, listing: [...segments, ...snapshots, ...temps].sort().join(' ') };
}

/**
 * Temp files kills left behind that nothing removes later: artifact uploads cut short
 * (`*.upload-*`, hidden from listings) and store.json temp files. Informational: they only take space.
 */
export function orphanTempFiles(dataDir: string): { count: number; bytes: number } {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.includes('.upload-')) found.push(p);
    }
  };
  if (existsSync(join(dataDir, 'artifacts'))) walk(join(dataDir, 'artifacts'));
  for (const n of readdirSync(dataDir)) if (n.includes('.tmp-')) found.push(join(dataDir, n));
  return { count: found.length, bytes: found.reduce((sum, p) => sum + statSync(p).size, 0) };
}

/** Facts from a server's log: journal replay on open, torn tails dropped, checkpoints taken. */
export function serverLogFacts(output: string): { replayed: number; tornTails: number; checkpoints: number; workerCheckpoints: number; storeFailures: string[] } {
  const replayed = /journal: replayed (\d+) operations/.exec(output);
  return {
    replayed: replayed ? Number(replayed[1]) : 0,
    tornTails: (output.match(/dropped a torn tail/g) ?? []).length,
    checkpoints: (output.match(/checkpoint: snapshot at seq/g) ?? []).length,
    workerCheckpoints: (output.match(/checkpoint: snapshot at seq [^\n]*; worker export/g) ?? []).length,
    storeFailures: output.split('\n').filter((l) => /store failed|journal write failed|refus/i.test(l)),
  };
}

/**
 * When to SIGKILL: at a random moment, or at a checkpoint's crash points, seen through the
 * store folder: right after a new journal segment appears (the cut: the worker is about to
 * export its mirror; the manifest still names the old snapshot), while the checkpoint worker
 * writes the snapshot (its temp file just appeared under snapshots/), or right after store.json
 * is replaced (old segments and snapshots not yet removed). A targeted kill whose moment does
 * not come by `ms` fires then.
 */
export type KillPlan = { mode: 'random' | 'new-segment' | 'snapshot-write' | 'manifest-switch'; ms: number };

/** Arms `kill` per `plan`; resolves with what triggered it, once it has been called. */
export function armKill(dataDir: string, plan: KillPlan, kill: () => void): Promise<string> {
  return new Promise((resolve) => {
    const watchers: FSWatcher[] = [];
    let done = false;
    const t0 = Date.now();
    const fire = (why: string) => {
      if (done) return;
      done = true;
      kill();
      clearTimeout(timer);
      for (const w of watchers) w.close();
      resolve(`${why} at ${Date.now() - t0} ms`);
    };
    const timer = setTimeout(() => fire(plan.mode === 'random' ? 'random' : `${plan.mode} did not come, killed`), plan.ms);
    if (plan.mode === 'new-segment') {
      const journal = join(dataDir, 'journal');
      const before = new Set(readdirSync(journal));
      watchers.push(watch(journal, (_event, name) => {
        if (name && name.endsWith('.log') && !before.has(name)) fire(`new segment ${name}`);
      }));
    } else if (plan.mode === 'snapshot-write') {
      watchers.push(watch(join(dataDir, 'snapshots'), (_event, name) => {
        if (name && name.includes('.sqlite.tmp-')) fire(`snapshot being written (${name})`);
      }));
    } else if (plan.mode === 'manifest-switch') {
      watchers.push(watch(dataDir, (_event, name) => {
        if (name === 'store.json') fire('store.json replaced');
      }));
    }
  });
}
