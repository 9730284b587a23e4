// A checkpoint exported on the main thread (no worker yet) starts the worker from the snapshot
// file it wrote, once the next write comes: never from the image (a copy of the whole database
// on the main thread), and never at all when the store closes right after it (its final checkpoint).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExperiment, getExperimentByName } from '../../../../../electron/services/experiments-service';
import { loadSqlJs } from '../../../../../electron/store/database';
import { MANIFEST_FILE } from '../../../../../electron/store/manifest';
import { SNAPSHOT_DIR } from '../../../../../electron/store/snapshot-files';
import { openTestStore, type TestStore } from '../../../../support/open-test-store';
import { seedRuns } from '../../../../support/seed-runs';
import { useTempDirs } from '../../../../support/temp-dir';
import { tableContents } from './table-contents';

const tempDir = useTempDirs();
const countingWorker = fileURLToPath(new URL('./fixtures/init-counting-worker.ts', import.meta.url));
/** The database passes this after seedRuns(400): the second checkpoint is the first one worth a worker. */
const opts = { checkpointWorkerMinBytes: 500_000, checkpointWorker: countingWorker };
const inits = (dir: string) => (existsSync(join(dir, 'worker-inits')) ? readFileSync(join(dir, 'worker-inits'), 'utf8').trim().split('\n') : []);
const lastCheckpoint = (t: TestStore) => t.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop();
const turns = (ms = 50) => new Promise((r) => setTimeout(r, ms));
/** What the started workers were started from, once each has read its `init` (it boots through tsx: give it time). */
async function startedFrom(dir: string, count: number): Promise<string[]> {
  for (let i = 0; i < 600 && inits(dir).length < count; i++) await turns();
  return inits(dir);
}

/** Worker threads this process started during the test ('worker' is emitted as each is created). */
let workersStarted = 0;
const countWorker = () => workersStarted++;
beforeEach(() => {
  workersStarted = 0;
  process.on('worker', countWorker);
});
afterEach(() => {
  process.off('worker', countWorker);
});
const hasExperiment = (t: TestStore, name: string) => {
  try {
    return getExperimentByName(t.svc, name).name === name;
  } catch {
    return false;
  }
};

async function rowsOf(image: Uint8Array) {
  const db = new (await loadSqlJs()).Database(image);
  try {
    return tableContents(db);
  } finally {
    db.close();
  }
}

describe('the worker after a checkpoint exported on the main thread', () => {
  it('is not started when the store closes right after it (the final checkpoint)', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, opts);
    await seedRuns(t.store, { runs: 400 });
    await t.store.close();
    expect(lastCheckpoint(t)).toMatch(/main thread export/);
    expect(workersStarted).toBe(0);
    const t2 = await openTestStore(dir, { checkpointWorker: null });
    expect(t2.store.db.all<{ n: number }>('SELECT count(*) AS n FROM runs')[0]!.n).toBe(400);
    await t2.store.close();
  });

  it('starts from the snapshot file with the next write, and mirrors the writes made while that snapshot was written', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, opts);
    await seedRuns(t.store, { runs: 400 });
    const checkpoint = t.store.checkpoint();
    const during = createExperiment(t.svc, { name: 'during-the-write', tags: [] }); // recorded after the export
    await Promise.all([checkpoint, during]);
    expect(lastCheckpoint(t)).toMatch(/main thread export/);
    await turns();
    expect(workersStarted).toBe(1); // the write made during the snapshot's write started it…
    expect(await startedFrom(dir, 1)).toEqual(['snapshot']); // …from the file
    await createExperiment(t.svc, { name: 'after', tags: [] });
    await t.store.checkpoint();
    expect(lastCheckpoint(t)).toMatch(/worker export/);
    const snap = (JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { snapshot: { file: string } }).snapshot;
    expect(await rowsOf(readFileSync(join(dir, SNAPSHOT_DIR, snap.file)))).toEqual(await rowsOf(t.store.db.export()));
    await t.store.close();
    expect(workersStarted).toBe(1);
    const t2 = await openTestStore(dir, { checkpointWorker: null });
    expect(['during-the-write', 'after'].every((n) => hasExperiment(t2, n))).toBe(true);
    await t2.store.close();
  });

  it('waits for a write: none comes, no worker; the first one starts it', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, opts);
    await seedRuns(t.store, { runs: 400 });
    await t.store.checkpoint();
    await turns();
    expect(workersStarted).toBe(0);
    expect(t.store.checkpointsInWorker).toBe(true); // the next checkpoint is the worker's
    await createExperiment(t.svc, { name: 'next', tags: [] });
    await turns();
    expect(workersStarted).toBe(1);
    expect(await startedFrom(dir, 1)).toEqual(['snapshot']);
    await t.store.checkpoint();
    expect(lastCheckpoint(t)).toMatch(/worker export/);
    await t.store.close();
  });
});
