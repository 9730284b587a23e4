// Resident memory of a server process (Linux /proc). Sums the process and its descendants, since
// `mlflow server` runs uvicorn as a child and a Sextant server could one day fork helpers.
import { readFileSync, readdirSync } from 'node:fs';

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
