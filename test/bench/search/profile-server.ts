// A development aid (not a workload): the page-sized search against a real `sextant serve` on a
// store seeded in process with the search workload's runs; wall time and server CPU per search,
// optionally with a CPU profile of the server (PROFILE_DIR=<dir>: Node's --cpu-prof, written at exit).
// Usage: node --import tsx test/bench/search/profile-server.ts [runs=10000] [reps=200]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExperiment } from '../../../electron/services/experiments-service';
import { logToRun } from '../../../electron/services/logging-service';
import { createRun } from '../../../electron/services/runs-service';
import { openTestStore } from '../../support/open-test-store';
import { spawn } from 'node:child_process';
import { freePort } from '../../support/free-port';
import { sextantBin } from '../../support/paths';
import { startSextant } from '../../support/servers';
import { waitForHealth } from '../../support/wait-for-health';
import { API, type SearchRunsJson } from '../api';
import { treeCpuSeconds } from '../cpu';
import { HttpClient } from '../http';
import { median } from '../stats';
import { PAGE_FILTER, PAGE_TOP, SEARCH_ORDER, expectedPageSearch, seedRun } from '../workloads/search-data';

const runs = Number(process.argv[2] ?? 10_000);
const reps = Number(process.argv[3] ?? 200);
const baseTime = Date.UTC(2025, 0, 1);

const dir = await mkdtemp(join(tmpdir(), 'sextant-search-server-'));
const t = await openTestStore(dir);
const experimentId = await createExperiment(t.svc, { name: 'bench-search', tags: [] });
const pending: Promise<void>[] = [];
for (let i = 0; i < runs; i++) {
  const run = seedRun(i, baseTime);
  pending.push((async () => {
    const r = await createRun(t.svc, { experimentId, runName: run.name, startTime: run.startTime, tags: run.tags });
    const pts = new Float64Array(run.metrics.length * 3);
    run.metrics.forEach((m, j) => pts.set([m.timestamp, m.step, m.value], j * 3));
    await logToRun(t.svc, { runId: r.info.run_id, params: run.params, tags: [], metrics: { keys: run.metrics.map((m) => m.key), keyIdx: run.metrics.map((_, j) => j), pts } });
  })());
  if (pending.length >= 500) await Promise.all(pending.splice(0));
}
await Promise.all(pending);
await t.store.close();

const server = process.env.PROFILE_DIR ? await profiledSextant(dir, process.env.PROFILE_DIR) : await startSextant({ dataDir: dir });
const http = new HttpClient(server.url, 2);
try {
  const body = Buffer.from(JSON.stringify({ experiment_ids: [experimentId], filter: PAGE_FILTER, order_by: [SEARCH_ORDER], max_results: PAGE_TOP }));
  const expected = expectedPageSearch(runs, baseTime).names;
  // until the read model is built (SQL answers meanwhile)
  await new Promise((r) => setTimeout(r, 3000));
  for (let i = 0; i < 20; i++) await http.request('POST', `${API}/runs/search`, body);
  const first = await http.request('POST', `${API}/runs/search`, body);
  const names = ((JSON.parse(first.body.toString()) as SearchRunsJson).runs ?? []).map((r) => r.info.run_name);
  console.log(`answer ${names.length} runs, ${names.length === expected.length && names.every((n, i) => n === expected[i]) ? 'as expected' : 'WRONG'}; ${first.body.length} bytes`);
  const times: number[] = [];
  const cpu0 = treeCpuSeconds(server.process.pid);
  for (let i = 0; i < reps; i++) times.push((await http.request('POST', `${API}/runs/search`, body)).ms);
  const cpuMs = ((treeCpuSeconds(server.process.pid) - cpu0) * 1000) / reps;
  console.log(`p50 ${median(times).toFixed(2)} ms wall, server CPU ${cpuMs.toFixed(2)} ms per search (${reps} searches)`);
  for (let pass = 0; pass < 3; pass++) {
    const c0 = treeCpuSeconds(server.process.pid);
    const pages: number[] = [];
    let token: string | undefined;
    do {
      const res = await http.request('POST', `${API}/runs/search`, JSON.stringify({ experiment_ids: [experimentId], max_results: 1000, ...(token ? { page_token: token } : {}) }));
      pages.push(res.ms);
      token = (JSON.parse(res.body.toString()) as SearchRunsJson).next_page_token || undefined;
    } while (token);
    console.log(`scan pass ${pass}: ${pages.map((p) => p.toFixed(1)).join(' ')} ms; server CPU ${((treeCpuSeconds(server.process.pid) - c0) * 1000).toFixed(0)} ms`);
  }
} finally {
  http.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}

/** `sextant serve` under Node's --cpu-prof (NODE_OPTIONS may not carry it). */
async function profiledSextant(store: string, profileDir: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, sextantBin, 'serve', '--store', store, '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore' });
  await waitForHealth(url, 60_000, () => child.exitCode === null);
  return {
    url,
    process: child,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
