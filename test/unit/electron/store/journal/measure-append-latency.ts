// Per-append durable latency of the journal writer (not a test: timing is only printed).
//
//   npx tsx test/unit/electron/store/journal/measure-append-latency.ts [writer module] [runs] [dsync|fdatasync]
//
// The third argument is passed to the writer as its durableWrites option (a writer from before
// the option ignores it).
//
// Two workloads on a fresh segment in the temp folder, each run `runs` times:
//   - sequential: one writer appends one record at a time, awaiting each (5,000 × 256 B);
//   - concurrent: 16 writers each append one record at a time (16 × 500 × 256 B), so group
//     commit shares each write among whoever is waiting.
// Prints the median and p99 of the per-append latency (append call to durable) per run, and
// the median of those over the runs, with the load average.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Writer {
  append(seq: number, payload: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
type WriterClass = new (path: string, options?: { durableWrites?: string }) => Writer;

const PAYLOAD = Buffer.alloc(256, 7);
const MODE = process.argv[4] ? { durableWrites: process.argv[4] } : undefined;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function sequential(Writer: WriterClass, dir: string, n: number): Promise<number[]> {
  const w = new Writer(join(dir, 'seq.log'), MODE);
  const lat: number[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const t = performance.now();
    await w.append(seq, PAYLOAD);
    lat.push(performance.now() - t);
  }
  await w.close();
  return lat;
}

async function concurrent(Writer: WriterClass, dir: string, writers: number, each: number): Promise<number[]> {
  const w = new Writer(join(dir, 'conc.log'), MODE);
  const lat: number[] = [];
  let seq = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = 0; i < each; i++) {
        const t = performance.now();
        await w.append(++seq, PAYLOAD);
        lat.push(performance.now() - t);
      }
    }),
  );
  await w.close();
  return lat;
}

const fmt = (ms: number) => ms.toFixed(3);

async function main(): Promise<void> {
  const modulePath = resolve(process.argv[2] ?? 'electron/store/journal-writer.ts');
  const runs = Number(process.argv[3] ?? 5);
  const { JournalWriter } = (await import(pathToFileURL(modulePath).href)) as { JournalWriter: WriterClass };
  console.log(`writer ${modulePath}${MODE ? ` (${MODE.durableWrites})` : ''}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const summary: Record<string, { p50: number[]; p99: number[] }> = { sequential: { p50: [], p99: [] }, concurrent16: { p50: [], p99: [] } };
  for (let r = 0; r < runs; r++) {
    for (const [name, run] of [
      ['sequential', (d: string) => sequential(JournalWriter, d, 5000)],
      ['concurrent16', (d: string) => concurrent(JournalWriter, d, 16, 500)],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'sextant-journal-bench-'));
      try {
        const lat = (await run(dir)).sort((a, b) => a - b);
        const p50 = quantile(lat, 0.5);
        const p99 = quantile(lat, 0.99);
        summary[name]!.p50.push(p50);
        summary[name]!.p99.push(p99);
        console.log(`run ${r + 1} ${name}: median ${fmt(p50)} ms, p99 ${fmt(p99)} ms (${lat.length} appends)`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  for (const [name, s] of Object.entries(summary)) {
    const med = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
    console.log(`${name}: median of run medians ${fmt(med(s.p50))} ms, median of run p99s ${fmt(med(s.p99))} ms`);
  }
  console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

void main();
