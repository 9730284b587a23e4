import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower than the process the checkpoint worker runs (a nice value; 19 is the lowest). */
export const BACKGROUND_NICE_DELTA = 10;

/** What lowering a thread's priority needs; the defaults are Node's, tests pass fakes. */
export interface ThreadPriorityOps {
  platform: string;
  pid: number;
  /** The calling thread's /proc entry, e.g. "1234/task/1240" (Linux: readlink of /proc/thread-self). */
  threadSelf: () => string;
  getPriority: (id: number) => number;
  setPriority: (id: number, priority: number) => void;
}

const nodeOps = (): ThreadPriorityOps => ({
  platform: process.platform,
  pid: process.pid,
  threadSelf: () => readlinkSync('/proc/thread-self'),
  getPriority,
  setPriority,
});

/**
 * Lowers the priority of the calling thread only (a worker thread's), so that on a busy machine
 * the scheduler gives the event loop's thread the CPU first: work the event loop waits for never
 * queues behind this thread's (a checkpoint worker writes a whole database image per snapshot).
 * Linux only, where a thread has its own id and nice value: there setpriority on the thread id
 * changes that thread alone. Elsewhere (macOS, Windows: the process as a whole) and on the main
 * thread nothing is changed. Returns the nice value set, or null when nothing was.
 */
export function lowerThisThreadPriority(delta = BACKGROUND_NICE_DELTA, ops: ThreadPriorityOps = nodeOps()): number | null {
  if (ops.platform !== 'linux') return null;
  try {
    const m = /^(\d+)\/task\/(\d+)$/.exec(ops.threadSelf());
    if (!m || Number(m[1]) !== ops.pid) return null;
    const tid = Number(m[2]);
    if (tid === ops.pid) return null; // the main thread is never lowered
    const nice = Math.min(19, ops.getPriority(tid) + delta);
    ops.setPriority(tid, nice);
    return nice;
  } catch {
    return null; // not allowed or not there: the worker runs as it is
  }
}
