// The journal writer alone under SIGKILL: a child process appends records from 8 concurrent
// writers (variable sizes, so records straddle extent boundaries), cuts the journal every few
// hundred records as a checkpoint would, and prints each seq once it is durable; it is SIGKILLed
// at a random moment, mostly while extents and spare segments are being zero-filled. After each
// kill the segments are recovered as the store does it, and must hold exactly 1..n with every
// printed seq among them and every payload intact. Rounds continue on the same folder.
//
//   SEXTANT_DURABILITY_SEED=<n>     replay the kill times (the seed is printed first)
//   SEXTANT_DURABILITY_ROUNDS=<n>   kill/recover rounds (default 12)
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanJournal } from '../../electron/store/journal-reader';
import { JOURNAL_DIR, recoverJournal, SPARE_SEGMENT } from '../../electron/store/journal-segments';
import { repoRoot } from '../support/paths';
import { useTempDirs } from '../support/temp-dir';
import { createRng } from './support/rng';

const tempDir = useTempDirs();
const envInt = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const SEED = envInt('SEXTANT_DURABILITY_SEED', Math.floor(Math.random() * 2 ** 31));
const ROUNDS = envInt('SEXTANT_DURABILITY_ROUNDS', 12);

/** The record for `seq`: its length and bytes follow from the seq alone. */
const payloadOf = (seq: number) => Buffer.alloc(40 + ((seq * 7919) % 2900), seq % 253);

const CHILD = `
import { join } from 'node:path';
const { JournalWriter } = await import(process.env.WRITER_URL);
const { segmentName } = await import(process.env.SEGMENTS_URL);
const dir = process.env.JOURNAL;
let seq = Number(process.env.LAST_SEQ);
const payloadOf = ${payloadOf.toString()};
const w = new JournalWriter(join(dir, segmentName(seq + 1)), { extentBytes: 64 * 1024, leadBytes: 8 * 1024 });
let sinceCut = 0;
process.stdout.write('ready\\n');
await Promise.all(Array.from({ length: 8 }, async () => {
  for (;;) {
    const s = ++seq;
    const durable = w.append(s, payloadOf(s));
    if (++sinceCut >= 300) {
      sinceCut = 0;
      void w.switchTo(join(dir, segmentName(s + 1)));
    }
    await durable;
    process.stdout.write(s + '\\n');
  }
}));
`;

interface Round {
  acked: number;
  output: string;
}

function runUntilKilled(journal: string, lastSeq: number, killAfterMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      cwd: repoRoot,
      env: {
        ...process.env,
        JOURNAL: journal,
        LAST_SEQ: String(lastSeq),
        WRITER_URL: pathToFileURL(join(repoRoot, 'electron/store/journal-writer.ts')).href,
        SEGMENTS_URL: pathToFileURL(join(repoRoot, 'electron/store/journal-segments.ts')).href,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      const first = !output.includes('ready\n');
      output += d.toString();
      if (first && output.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the writer exited by itself (${signal ?? _code}): ${stderr}`));
      const acked = output
        .split('\n')
        .filter((l) => /^\d+$/.test(l))
        .reduce((m, l) => Math.max(m, Number(l)), lastSeq);
      resolve({ acked, output });
    });
  });
}

describe('durability: the journal writer SIGKILLed while it preallocates', () => {
  it(`recovers every durable record, in order and intact, over ${ROUNDS} kills (seed ${SEED})`, { timeout: 60_000 + ROUNDS * 30_000 }, async () => {
    const rng = createRng(SEED);
    const dir = tempDir();
    const journal = join(dir, JOURNAL_DIR);
    mkdirSync(journal);
    let lastSeq = 0;
    let zeroTails = 0;
    let spares = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const killAfter = rng.int(20, 600);
      const { acked } = await runUntilKilled(journal, lastSeq, killAfter);
      const names = readdirSync(journal);
      if (names.includes(SPARE_SEGMENT)) spares++;
      for (const name of names.filter((n) => n.endsWith('.log'))) if (scanJournal(join(journal, name)).zeroTail) zeroTails++;
      const logs: string[] = [];
      const { records } = recoverJournal(dir, 0, (m) => logs.push(m));
      process.stdout.write(`[journal-durability] round ${round}/${ROUNDS}: killed ${killAfter} ms after start; acked up to ${acked}, recovered ${records.length}${logs.length ? `; ${logs.join('; ')}` : ''}\n`);
      expect(records.length, `round ${round}: every acknowledged record`).toBeGreaterThanOrEqual(acked);
      records.forEach((r, i) => {
        if (r.seq !== i + 1 || !r.payload.equals(payloadOf(r.seq))) throw new Error(`round ${round}: record ${i + 1} is seq ${r.seq} or its payload differs`);
      });
      expect(readdirSync(journal)).not.toContain(SPARE_SEGMENT);
      lastSeq = records.length;
    }
    expect(lastSeq).toBeGreaterThan(0);
    // The kills found preallocated space (the new format), not only segments ending at their records.
    expect(zeroTails).toBeGreaterThan(0);
    process.stdout.write(`[journal-durability] seed ${SEED}: ${zeroTails} zero tails and ${spares} spares found after kills\n`);
  });
});
