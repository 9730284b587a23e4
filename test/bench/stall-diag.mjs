// A diagnosis preload for the stall workload's server (not loaded by default):
//   SEXTANT_STALL_NODE_OPTIONS="--import <abs path>/test/bench/stall-diag.mjs" SEXTANT_STALL_SERVER_LOG=<file>
// It writes lines starting with "diag" to the server's stderr (kept in that file):
//  * "diag gc <unix ms> <ms> <kind>": every GC pause of the main thread of 5 ms or more;
//  * "diag lag <unix ms> late <ms> main cpu <ms> runq <ms> off <ms> | other threads ... | box busy %":
//    each time a 5 ms timer came back more than 20 ms late, with where the main thread's time
//    went meanwhile (from /proc/<pid>/task/<pid>/schedstat, Linux): on a CPU (our own work, GC
//    included), runnable but waiting for a CPU (the machine busy), or off (blocked: a syscall, or
//    a futex wait on another thread, e.g. V8's GC helpers);
//  * "diag heap <unix ms> used/total/external MB" every 10 s.
// Options (environment): DIAG_GC_NVP=1 also turns on V8's --trace-gc-nvp (one line per GC with its
// phases); DIAG_HEAP_PROFILE=<file> writes a sampling heap profile of what major GCs collect
// (DIAG_HEAP_DELAY s after start, for DIAG_HEAP_SECONDS s; DIAG_HEAP_MINOR=1 adds scavenged
// objects); DIAG_SAMPLER_OUT=<file> starts stall-sampler.py on the main thread (episodes of 15 ms
// or more blocked in a syscall, with its kernel stack, or waiting for a CPU).
// Line a probe up with these by its epochMs in the stall JSON (details.stall.sextant.probe.worst).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { setInterval } from 'node:timers';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const out = (s) => process.stderr.write(`diag ${s}\n`);
  const epoch = (t) => (performance.timeOrigin + t).toFixed(0);
  if (process.env.DIAG_GC_NVP) setFlagsFromString('--trace-gc-nvp');
  const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incr', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration >= 5) out(`gc ${epoch(e.startTime)} ${e.duration.toFixed(1)} ms ${kinds[e.detail?.kind] ?? e.detail?.kind}`);
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    const h = getHeapStatistics();
    out(`heap ${Date.now()} used ${(h.used_heap_size / 1e6).toFixed(0)} total ${(h.total_heap_size / 1e6).toFixed(0)} external ${(h.external_memory / 1e6).toFixed(0)}`);
  }, 10_000).unref();

  const pid = process.pid;
  /** [ms on a CPU, ms waiting for one] of a thread. */
  const sched = (tid) => {
    try {
      const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      return [Number(run) / 1e6, Number(wait) / 1e6];
    } catch {
      return [0, 0];
    }
  };
  const others = () => {
    let r = 0;
    let w = 0;
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      if (t === String(pid)) continue;
      const [a, b] = sched(t);
      r += a;
      w += b;
    }
    return [r, w];
  };
  /** [all jiffies, idle + iowait, iowait] of the machine. */
  const box = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return [f.reduce((a, b) => a + b, 0), f[3] + f[4], f[4]];
  };
  if (process.platform === 'linux') {
    let last = performance.now();
    let lastMain = sched(pid);
    let lastOther = others();
    let lastBox = box();
    let lastOtherAt = last;
    let tick = 0;
    setInterval(() => {
      const t = performance.now();
      const late = t - last - 5;
      const m = sched(pid);
      if (late > 20) {
        const o = others();
        const s = box();
        const cpu = m[0] - lastMain[0];
        const wait = m[1] - lastMain[1];
        const dt = s[0] - lastBox[0];
        out(
          `lag ${epoch(last)} (others over ${(t - lastOtherAt).toFixed(0)} ms) late ${late.toFixed(1)} main cpu ${cpu.toFixed(1)} runq ${wait.toFixed(1)} off ${(t - last - cpu - wait).toFixed(1)}` +
            ` | other threads cpu ${(o[0] - lastOther[0]).toFixed(1)} runq ${(o[1] - lastOther[1]).toFixed(1)}` +
            ` | box busy ${dt ? (100 * (1 - (s[1] - lastBox[1]) / dt)).toFixed(0) : '?'}% iowait ${dt ? ((100 * (s[2] - lastBox[2])) / dt).toFixed(0) : '?'}%`,
        );
        lastOther = o;
        lastBox = s;
        lastOtherAt = t;
      } else if (++tick % 20 === 0) {
        lastOther = others();
        lastBox = box();
        lastOtherAt = t;
      }
      last = t;
      lastMain = m;
    }, 5).unref();
  }

  if (process.env.DIAG_HEAP_PROFILE) {
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    setTimeout(async () => {
      await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.DIAG_HEAP_MINOR === '1' });
      out(`heap profile started ${Date.now()}`);
      setTimeout(async () => {
        const { profile } = await session.post('HeapProfiler.stopSampling');
        writeFileSync(process.env.DIAG_HEAP_PROFILE, JSON.stringify(profile));
        out(`heap profile written ${Date.now()}`);
      }, Number(process.env.DIAG_HEAP_SECONDS ?? 60) * 1000).unref();
    }, Number(process.env.DIAG_HEAP_DELAY ?? 30) * 1000).unref();
  }
  if (process.env.DIAG_SAMPLER_OUT) {
    const sampler = fileURLToPath(new URL('./stall-sampler.py', import.meta.url));
    spawn('python3', [sampler, String(pid), process.env.DIAG_SAMPLER_OUT], { stdio: 'ignore', detached: true }).unref();
  }
  out(`start ${epoch(performance.now())}`);
}
