// Issue 12: an encrypted store seeded through the official MLflow client holds no plaintext of
// what was written: a marker in every field (experiment and run names, params, tags, metric keys,
// dataset names, artifact names and bytes) and a distinctive metric value (its 8 bytes) appear in
// no file under the store, neither while it runs (journal, series files, artifacts) nor after it
// stopped (snapshot). Needs the Python venv (.cache/venv).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultExperimentOps, getExperimentByName } from '../../../electron/services/experiments-service';
import { createServiceContext } from '../../../electron/services/service-context';
import { startTrackingServer } from '../../../electron/server/tracking-server';
import { writeNewKeyFile } from '../../../electron/store/crypto/keys';
import { Store } from '../../../electron/store/store';
import { useTempDirs } from '../../support/temp-dir';
import { leaks, MARKER, runPython, SEED_SCRIPT, VALUE } from './marker-scan';

const tempDir = useTempDirs();
describe('an encrypted store holds no plaintext of what the MLflow client wrote', () => {
  it('no file under the store holds the marker or the value, running and stopped', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const work = tempDir();
    const keyPath = join(tempDir(), 'store.key');
    writeNewKeyFile(keyPath);
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);
    const store = await Store.open({ dir, key: { kind: 'key-file', path: keyPath }, log, initialOps: defaultExperimentOps });
    const server = await startTrackingServer({ services: createServiceContext(store), host: '127.0.0.1', port: 0, log });
    let seeded: { code: number | null; out: string };
    try {
      seeded = await runPython(SEED_SCRIPT, [MARKER, String(VALUE), work], { MLFLOW_TRACKING_URI: server.url, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' });
    } finally {
      await server.close();
    }
    expect(seeded.code, seeded.out).toBe(0);
    await store.ctx.files.sync();
    const whileRunning = leaks(dir);
    await store.close();
    const stopped = leaks(dir);
    expect({ whileRunning, stopped }).toEqual({ whileRunning: [], stopped: [] });
    // The store reopens with its key and holds it all.
    const again = await Store.open({ dir, key: { kind: 'key-file', path: keyPath }, log, initialOps: defaultExperimentOps });
    try {
      expect(getExperimentByName(createServiceContext(again), `exp-${MARKER}`).name).toBe(`exp-${MARKER}`);
    } finally {
      await again.close();
    }
  });
});
