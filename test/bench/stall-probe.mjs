// The stall workload's probe, a process of its own so the load generator's work cannot delay it:
// GET <url>/health on one keep-alive connection, one at a time, a new one `intervalMs` after the
// previous was sent (at once if that answer took longer), for `durationMs`. Each probe's latency
// (request written → last byte) is recorded; the worst is the longest stall a client saw. The
// probe also records how late its own timers fired (selfLagMaxMs): if that is large, the probe
// process itself was descheduled and its numbers include that.
// Usage: node stall-probe.mjs <url> <intervalMs> <durationMs>; prints one JSON object on stdout
// (startEpochMs: when the first probe was sent, Unix ms, to line a probe up with a server's log).
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const [url, intervalArg, durationArg] = process.argv.slice(2);
const intervalMs = Number(intervalArg);
const durationMs = Number(durationArg);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function probe() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: target.hostname, port: Number(target.port), path: '/health', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: res.statusCode === 200, t0, ms: performance.now() - t0, error: res.statusCode === 200 ? undefined : `HTTP ${res.statusCode}` }));
      res.on('error', (e) => resolve({ ok: false, t0, ms: performance.now() - t0, error: e.message }));
    });
    req.on('error', (e) => resolve({ ok: false, t0, ms: performance.now() - t0, error: e.message }));
    req.end();
  });
}

const latencies = [];
const at = [];
let errors = 0;
let firstError;
let selfLagMaxMs = 0;
const start = performance.now();
while (performance.now() - start < durationMs) {
  const r = await probe();
  if (r.ok) {
    latencies.push(Math.round(r.ms * 1000) / 1000);
    at.push(Math.round(r.t0 - start));
  } else {
    errors++;
    firstError ??= r.error;
    if (errors > 1000) break;
  }
  const wait = r.t0 + intervalMs - performance.now();
  if (wait > 0) {
    const due = performance.now() + wait;
    await new Promise((res) => setTimeout(res, wait));
    selfLagMaxMs = Math.max(selfLagMaxMs, performance.now() - due);
  }
}
agent.destroy();
process.stdout.write(JSON.stringify({ latencies, at, errors, firstError, selfLagMaxMs, elapsedMs: performance.now() - start, startEpochMs: Math.round(performance.timeOrigin + start) }));
