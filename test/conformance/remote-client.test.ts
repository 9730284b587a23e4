// The sync transport (electron/sync/remote-client.ts) against a real `mlflow server` from the
// project's venv: JSON calls in MLflow's dialect, NaN/±Infinity through log-batch and
// get-history, artifacts through the proxy (multipart refused by the local artifact store, so
// the client must fall back to one PUT), and /version.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOpener } from '../../electron/sync/artifact-source';
import { RemoteClient } from '../../electron/sync/remote-client';
import { startMlflow, type RunningServer } from '../support/servers';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
let mlflow: RunningServer;
beforeAll(async () => {
  mlflow = await startMlflow();
});
afterAll(async () => {
  await mlflow?.stop();
});

describe('RemoteClient against mlflow server', () => {
  it('creates, logs non-finite metrics, reads the history back, and moves an artifact both ways', async () => {
    // multipartThreshold 0: every upload first asks for multipart, which this server refuses (501).
    const client = new RemoteClient({ url: mlflow.url, auth: { kind: 'none' }, multipartThreshold: 0, retry: { maxAttempts: 2 } });
    expect(await client.serverVersion()).toMatch(/^\d+\.\d+\.\d+/);

    const { experiment_id: experimentId } = await client.post<{ experiment_id: string }>('experiments/create', { name: 'remote-client' });
    const { run } = await client.post<{ run: { info: { run_id: string; artifact_uri: string } } }>('runs/create', {
      experiment_id: experimentId,
      run_name: 'r',
      start_time: 1_700_000_000_000,
      tags: [{ key: 'sextant.origin.run_id', value: 'local-1' }],
    });
    const runId = run.info.run_id;
    const metrics = [NaN, Infinity, -Infinity, 0.25].map((value, step) => ({ key: 'loss', value, timestamp: 1_700_000_000_000 + step, step }));
    await client.post('runs/log-batch', { run_id: runId, metrics });

    const history = await client.metricHistory(runId, 'loss');
    expect(history.map((p) => p.step)).toEqual([0, 1, 2, 3]);
    expect(history[0]?.value).toBeNaN();
    // The SQL store clamps ±inf to ±Number.MAX_VALUE on write (reference §14).
    expect([Infinity, Number.MAX_VALUE]).toContain(history[1]?.value);
    expect([-Infinity, -Number.MAX_VALUE]).toContain(history[2]?.value);
    expect(history[3]).toEqual({ key: 'loss', value: 0.25, timestamp: 1_700_000_000_003, step: 3 });

    const root = run.info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');
    const local = join(tempDir(), 'notes.txt');
    const bytes = Buffer.from('héllo, remote\n'.repeat(1000));
    writeFileSync(local, bytes);
    expect(await client.uploadArtifact(`${root}/dir one/notés 1.txt`, fileOpener(local), bytes.length)).toEqual({ method: 'put' });
    expect(await client.listArtifacts(root)).toEqual([{ path: `${root}/dir one`, isDir: true }]);
    expect(await client.listArtifacts(`${root}/dir one`)).toEqual([{ path: `${root}/dir one/notés 1.txt`, isDir: false, size: bytes.length }]);
    let downloaded = Buffer.alloc(0);
    await client.downloadArtifact(`${root}/dir one/notés 1.txt`, async (stream) => {
      downloaded = Buffer.concat(await stream.toArray());
    });
    expect(downloaded.equals(bytes)).toBe(true);

    const found = await client.post<{ runs?: { info: { run_id: string } }[] }>('runs/search', {
      experiment_ids: [experimentId],
      filter: "tags.`sextant.origin.run_id` = 'local-1'",
    });
    expect(found.runs?.map((r) => r.info.run_id)).toEqual([runId]);
  });
});
