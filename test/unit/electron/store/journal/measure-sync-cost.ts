// The cost of one durable 256-byte journal write on this disk, without libuv or the event loop
// in the way (not a test: timing is only printed):
//
//   npx tsx test/unit/electron/store/journal/measure-sync-cost.ts [runs]
//
//   append + fdatasync      the writer before: the file grows, so the sync also writes the inode
//   prealloc + fdatasync    into zeros written and synced beforehand: the sync writes data only
//   append O_DSYNC          one call, the file grows
//   prealloc O_DSYNC        one call into preallocated zeros (the writer now, on Linux)
import { closeSync, constants, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const N = 3000;
const RECORD = Buffer.alloc(256, 7);

function run(dir: string, dsync: boolean, preallocate: boolean): number[] {
  const path = join(dir, `${dsync}-${preallocate}.log`);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | (dsync ? constants.O_DSYNC : 0));
  try {
    if (preallocate) {
      const zeros = Buffer.alloc(N * RECORD.length + 4096);
      writeSync(fd, zeros, 0, zeros.length, 0);
      fdatasyncSync(fd);
    }
    const lat: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      writeSync(fd, RECORD, 0, RECORD.length, i * RECORD.length);
      if (!dsync) fdatasyncSync(fd);
      lat.push(performance.now() - t);
    }
    return lat.sort((a, b) => a - b);
  } finally {
    closeSync(fd);
  }
}

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const runs = Number(process.argv[2] ?? 5);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`load average ${load()}`);
const cases = [
  ['append + fdatasync', false, false],
  ['prealloc + fdatasync', false, true],
  ['append O_DSYNC', true, false],
  ['prealloc O_DSYNC', true, true],
] as const;
const medians = new Map<string, { p50: number[]; p99: number[] }>(cases.map(([name]) => [name, { p50: [], p99: [] }]));
for (let r = 0; r < runs; r++) {
  for (const [name, dsync, prealloc] of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'sextant-sync-cost-'));
    try {
      const lat = run(dir, dsync, prealloc);
      medians.get(name)!.p50.push(q(lat, 0.5));
      medians.get(name)!.p99.push(q(lat, 0.99));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
for (const [name, m] of medians) {
  const med = (xs: number[]) => q([...xs].sort((a, b) => a - b), 0.5);
  console.log(`${name.padEnd(22)} median ${med(m.p50).toFixed(3)} ms, p99 ${med(m.p99).toFixed(3)} ms (medians over ${runs} runs of ${N})`);
}
console.log(`load average ${load()}`);
