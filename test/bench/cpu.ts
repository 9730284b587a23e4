// CPU time used by the client (this process) and by a server process tree while a phase runs, as a
// percentage of one core. On a 2-core box this shows whether a result is client- or server-bound.
import { readFileSync, readdirSync } from 'node:fs';
import { descendants } from './rss';

/** Linux USER_HZ; /proc/<pid>/stat reports utime/stime in these ticks (100 on every common kernel). */
const CLK_TCK = 100;

/** utime + stime of one process in seconds, or 0 if it is gone. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after "(comm) ": state=0 ppid=1 ... utime=11 stime=12
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU seconds of `pid` and all its live descendants. */
export function treeCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let total = processCpuSeconds(pid);
  for (const child of descendants(pid)) total += processCpuSeconds(child);
  return total;
}

/** Time on CPU of every thread of one process in seconds (/proc/<pid>/task/<tid>/schedstat, ns), or 0 if it is gone. */
function processCpuSecondsFine(pid: number): number {
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    return 0;
  }
  return ns / 1e9;
}

/**
 * CPU seconds of `pid` and its live descendants at nanosecond resolution (the ticks of
 * treeCpuSeconds are 10 ms, too coarse for one 50 ms request). Time of threads that ended between
 * two readings is lost, so take differences over short spans.
 */
export function treeCpuSecondsFine(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let total = processCpuSecondsFine(pid);
  for (const child of descendants(pid)) total += processCpuSecondsFine(child);
  return total;
}

export interface CpuUse {
  /** This benchmark process, % of one core over the phase. */
  clientPct: number;
  /** The server's process tree, % of one core over the phase (200% = both cores of a 2-core box). */
  serverPct: number;
  /** The server's process tree, CPU seconds over the phase (steadier than wall time on a loaded box). */
  serverS: number;
}

export async function measureCpu<T>(serverPid: number | undefined, fn: () => Promise<T>): Promise<{ value: T; cpu: CpuUse }> {
  const wall0 = performance.now();
  const client0 = process.cpuUsage();
  const server0 = treeCpuSeconds(serverPid);
  const value = await fn();
  const wallS = (performance.now() - wall0) / 1000;
  const client = process.cpuUsage(client0);
  const serverS = treeCpuSeconds(serverPid) - server0;
  return { value, cpu: { clientPct: ((client.user + client.system) / 1e6 / wallS) * 100, serverPct: Math.max(0, (serverS / wallS) * 100), serverS: Math.max(0, serverS) } };
}

/** Server CPU ms per request, from a phase's CPU seconds and every request it sent (warm-up included). */
export function cpuMsPer(c: CpuUse | undefined, requests: number | undefined): number | undefined {
  return c && requests ? (c.serverS * 1000) / requests : undefined;
}

export function cpuText(c: CpuUse): string {
  return `client CPU ${c.clientPct.toFixed(0)}%, server CPU ${c.serverPct.toFixed(0)}%`;
}

/** Footnote for a result where the client itself was busy enough to be the bottleneck. */
export function clientBoundNote(c: CpuUse | undefined): string | undefined {
  if (!c || c.clientPct < 80) return undefined;
  return `the load generator used ${c.clientPct.toFixed(0)}% of a core during this phase (server ${c.serverPct.toFixed(0)}%): the result may be client-bound`;
}
