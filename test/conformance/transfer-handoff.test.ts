// `sextant export` and `sextant import` while `sextant serve` holds the store: the command hands
// its job to the serving process (the one writer), relative paths resolved where the command ran,
// and what came in is served at once. A bundle carried from one served store to another keeps the
// run id, the history (NaN too) and the file; importing it again changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonReport, runCli, type CliResult } from '../support/run-cli';
import { startSextant } from '../support/servers';

const API = 'api/2.0/mlflow';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const explain = (r: CliResult) => `exit ${r.code} (signal ${r.signal})\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

interface Report { ranIn: string; details: { counts?: { runsNew: number; runsUnchanged: number; points: number } } }

async function rest<T>(url: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/${API}/${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const history = async (url: string, runId: string) =>
  (await rest<{ metrics?: { value: number | string; step: number; timestamp: number }[] }>(url, 'GET', `metrics/get-history?run_id=${runId}&metric_key=loss`)).metrics ?? [];

describe('export and import handed to the sextant serve holding the store', () => {
  it('carries a run from one served store to another through a bundle, twice, with nothing new the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sextant-handoff-'));
    dirs.push(dir);
    const from = await startSextant({ dataDir: join(dir, 'from') });
    const to = await startSextant({ dataDir: join(dir, 'to') });
    try {
      const { experiment_id } = await rest<{ experiment_id: string }>(from.url, 'POST', 'experiments/create', { name: 'carry' });
      const { run } = await rest<{ run: { info: { run_id: string; artifact_uri: string } } }>(from.url, 'POST', 'runs/create', { experiment_id, run_name: 'trial', start_time: 1_700_000_000_000 });
      const runId = run.info.run_id;
      const metrics = [0.9, Number.NaN, 0.4].map((v, step) => ({ key: 'loss', value: Number.isNaN(v) ? 'NaN' : v, timestamp: 1_700_000_000_000 + step, step }));
      await rest(from.url, 'POST', 'runs/log-batch', { run_id: runId, metrics, params: [{ key: 'lr', value: '0.01' }] });
      const put = await fetch(`${from.url}/api/2.0/mlflow-artifacts/artifacts/${run.info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '')}/notes.txt`, { method: 'PUT', body: 'carried by hand' });
      expect(put.status).toBe(200);

      // a relative --out is resolved where the command runs, not where the serving process does
      const exported = await runCli(['export', '--out', 'week.sxb', '--store', from.dataDir, '--experiment', 'carry', '--json'], { cwd: dir });
      expect(exported.code, explain(exported)).toBe(0);
      expect(jsonReport<Report>(exported).ranIn).toBe(`handed to process ${from.process.pid} (sextant serve)`);

      const imported = await runCli(['import', 'week.sxb', '--store', to.dataDir, '--json'], { cwd: dir });
      expect(imported.code, explain(imported)).toBe(0);
      const report = jsonReport<Report>(imported);
      expect(report.ranIn).toBe(`handed to process ${to.process.pid} (sextant serve)`);
      expect(report.details.counts).toMatchObject({ runsNew: 1, points: 3 });

      // served at once by the process that imported it
      const got = await rest<{ run: { info: { run_name: string; artifact_uri: string }; data: { params?: { key: string; value: string }[] } } }>(to.url, 'GET', `runs/get?run_id=${runId}`);
      expect(got.run.info.run_name).toBe('trial');
      expect(got.run.data.params).toEqual([{ key: 'lr', value: '0.01' }]);
      expect(await history(to.url, runId)).toEqual(await history(from.url, runId));
      const file = await fetch(`${to.url}/api/2.0/mlflow-artifacts/artifacts/${got.run.info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '')}/notes.txt`);
      expect(await file.text()).toBe('carried by hand');

      const again = await runCli(['import', join(dir, 'week.sxb'), '--store', to.dataDir, '--json']);
      expect(again.code, explain(again)).toBe(0);
      expect(jsonReport<Report>(again).details.counts).toMatchObject({ runsNew: 0, runsUnchanged: 1, points: 0 });
    } finally {
      await from.stop({ keepData: true });
      await to.stop({ keepData: true });
    }
  }, 180_000);
});
