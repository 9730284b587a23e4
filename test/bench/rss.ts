// Resident memory of a server process (Linux /proc). Sums the process and its descendants, since
// `mlflow server` runs uvicorn as a child and a Sextant server could one day fork helpers.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

/** VmRSS of one process in bytes, or undefined if it is gone / not Linux. */
export function processRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Pids of all live descendants of `pid` (by scanning /proc/<n>/stat parent ids). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // field 4 (ppid) follows the parenthesised command name, which may contain spaces
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(rest[1]));
    } catch {
      // process exited while scanning
    }
  }
  const out: number[] = [];
  const frontier = [pid];
  while (frontier.length) {
    const p = frontier.pop() as number;
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        out.push(child);
        frontier.push(child);
      }
    }
  }
  return out;
}

export interface RssReading {
  /** RSS of the server process itself, bytes. */
  self: number | undefined;
  /** RSS of the process plus all its descendants, bytes. */
  tree: number | undefined;
}

export function readRss(pid: number | undefined): RssReading {
  if (pid === undefined) return { self: undefined, tree: undefined };
  const self = processRss(pid);
  if (self === undefined) return { self: undefined, tree: undefined };
  let tree = self;
  for (const child of descendants(pid)) tree += processRss(child) ?? 0;
  return { self, tree };
}

export const MB = 1024 * 1024;

/** Where a process's resident memory is, from /proc/<pid>/smaps (Linux), in bytes. */
export interface MemoryMap {
  /** Resident bytes of each WebAssembly memory (sql.js's heap: one per thread that loaded it), largest first. */
  wasm: number[];
  /** Resident bytes of each other anonymous mapping of at least `bigBytes` (large ArrayBuffers: sql.js's database files, exports), largest first. */
  big: number[];
  /** Everything else resident (V8 heaps, code, libraries, small buffers). */
  rest: number;
  total: number;
}

interface Area {
  start: bigint;
  end: bigint;
  perms: string;
  path: string;
  rss: number;
}

/** A PROT_NONE reservation at least this big right after a read-write area marks that area as a WebAssembly memory (V8 reserves 8–10 GiB for each). */
const WASM_GUARD_BYTES = 4n * 1024n * 1024n * 1024n;

/**
 * Sorts the areas of an smaps text: a read-write area followed by a big PROT_NONE
 * reservation is a WebAssembly memory; other anonymous areas with at least `bigBytes`
 * resident are big buffers; the rest is summed.
 */
export function parseSmaps(text: string, bigBytes = 32 * MB): MemoryMap {
  const areas: Area[] = [];
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      areas.push({ start: BigInt(`0x${head[1]}`), end: BigInt(`0x${head[2]}`), perms: head[3]!, path: head[4]!.trim(), rss: 0 });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && areas.length) areas[areas.length - 1]!.rss = Number(rss[1]) * 1024;
  }
  const out: MemoryMap = { wasm: [], big: [], rest: 0, total: 0 };
  areas.forEach((a, i) => {
    out.total += a.rss;
    const next = areas[i + 1];
    const guarded = next && next.start === a.end && next.perms.startsWith('---') && next.end - next.start >= WASM_GUARD_BYTES;
    if (a.perms.startsWith('rw') && !a.path && guarded) out.wasm.push(a.rss);
    else if (!a.path && a.rss >= bigBytes) out.big.push(a.rss);
    else out.rest += a.rss;
  });
  out.wasm.sort((x, y) => y - x);
  out.big.sort((x, y) => y - x);
  return out;
}

/** parseSmaps of a live process, or undefined if it is gone / not Linux. */
export function memoryMap(pid: number, bigBytes?: number): MemoryMap | undefined {
  try {
    return parseSmaps(readFileSync(`/proc/${pid}/smaps`, 'utf8'), bigBytes);
  } catch {
    return undefined;
  }
}

/** A MemoryMap in one line, MB. */
export function describeMemoryMap(m: MemoryMap): string {
  const mb = (n: number) => (n / MB).toFixed(0);
  return `total ${mb(m.total)} MB: wasm [${m.wasm.map(mb).join(', ')}], big buffers [${m.big.map(mb).join(', ')}], rest ${mb(m.rest)}`;
}

/** The process's peak resident memory (VmHWM) in bytes, or undefined if it is gone / not Linux. */
export function processPeakRss(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resets the process's peak resident memory (VmHWM) to its current RSS (Linux ≥ 4.0); false if that is not possible. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
