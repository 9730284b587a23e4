import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createExperiment, getExperimentByName } from '../../../../../electron/services/experiments-service';
import { loadSqlJs } from '../../../../../electron/store/database';
import { JOURNAL_DIR } from '../../../../../electron/store/journal-segments';
import { MANIFEST_FILE } from '../../../../../electron/store/manifest';
import { SNAPSHOT_DIR, snapshotName } from '../../../../../electron/store/snapshot-files';
import { StoreWriteError } from '../../../../../electron/store/store-errors';
import { crash, openTestStore, type TestStore } from '../../../../support/open-test-store';
import { seedRuns } from '../../../../support/seed-runs';
import { useTempDirs } from '../../../../support/temp-dir';
import { schema, tableContents } from './table-contents';

const tempDir = useTempDirs();
const dyingWorker = fileURLToPath(new URL('./fixtures/dying-worker.ts', import.meta.url));
const manifestSnapshot = (dir: string) => (JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { snapshot: { file: string; seq: number } }).snapshot;
const segments = (dir: string) => readdirSync(join(dir, JOURNAL_DIR)).filter((n) => n.endsWith('.log')).sort();
const hasExperiment = (t: TestStore, name: string) => {
  try {
    return getExperimentByName(t.svc, name).name === name;
  } catch {
    return false;
  }
};
/** Every store here takes its snapshots through the worker, however small. */
const inWorker = { checkpointWorkerMinBytes: 0 };
const turns = () => new Promise((r) => setTimeout(r, 5));

async function contentsOf(image: Uint8Array) {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(image);
  try {
    return { schema: schema(db), rows: tableContents(db) };
  } finally {
    db.close();
  }
}

describe('checkpoints through the worker', () => {
  it("writes a snapshot from the worker's mirror with exactly the main database's rows", async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, inWorker);
    await seedRuns(t.store, { runs: 300, metrics: 3, points: 4 });
    await createExperiment(t.svc, { name: 'other', tags: [{ key: 'k', value: 'v' }] });
    await expect(createExperiment(t.svc, { name: 'other', tags: [] })).rejects.toThrow(); // refused: nothing to mirror
    await t.store.checkpoint();
    expect(t.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop()).toMatch(/worker export/);
    const snap = manifestSnapshot(dir);
    expect(snap.seq).toBe(t.store.lastSeq);
    const fromWorker = await contentsOf(readFileSync(join(dir, SNAPSHOT_DIR, snap.file)));
    const main = await contentsOf(t.store.db.export());
    expect(fromWorker.schema).toEqual(main.schema);
    expect(fromWorker.rows).toEqual(main.rows);
    expect(main.rows['runs']).toHaveLength(300);
    await t.store.close();
  });

  it('starts the worker of a reopened store from its snapshot plus the journal replayed meanwhile', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, inWorker);
    const runs = await seedRuns(t.store, { runs: 100, metrics: 2 });
    await t.store.checkpoint();
    for (const [i, runId] of runs.slice(0, 50).entries()) {
      const pts = new Float64Array([i, 1, i / 2]);
      await t.store.commit({ type: 'run.log', runId, metrics: { keys: ['m0', 'new'], keyIdx: [1], pts }, params: [{ key: 'late', value: 'x' }], tags: [{ key: 't0', value: 'changed' }], time: i });
    }
    await createExperiment(t.svc, { name: 'after the snapshot', tags: [] });
    await crash(t);
    const t2 = await openTestStore(dir, inWorker);
    expect(t2.logs.some((l) => /journal: replayed [1-9]/.test(l))).toBe(true);
    await createExperiment(t2.svc, { name: 'after the reopen', tags: [] });
    await t2.store.checkpoint();
    expect(t2.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop()).toMatch(/worker export/);
    const snap = manifestSnapshot(dir);
    expect((await contentsOf(readFileSync(join(dir, SNAPSHOT_DIR, snap.file)))).rows).toEqual((await contentsOf(t2.store.db.export())).rows);
    await t2.store.close();
  });

  it('exports a small database on the main thread, and moves to a worker once it passes the threshold', async () => {
    const t = await openTestStore(tempDir(), { checkpointWorkerMinBytes: 500_000 });
    await createExperiment(t.svc, { name: 'a', tags: [] });
    await t.store.checkpoint();
    expect(t.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop()).toMatch(/main thread export/);
    expect(t.store.checkpointsInWorker).toBe(false);
    await seedRuns(t.store, { runs: 400 });
    await t.store.checkpoint();
    expect(t.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop()).toMatch(/main thread export/);
    expect(t.store.checkpointsInWorker).toBe(true); // started from the image just exported
    await createExperiment(t.svc, { name: 'b', tags: [] });
    await t.store.checkpoint();
    expect(t.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop()).toMatch(/worker export/);
    await t.store.close();
  });

  it('never exports on the main thread, and the event loop keeps turning while the snapshot is taken', async () => {
    const t = await openTestStore(tempDir(), inWorker);
    await seedRuns(t.store, { runs: 1000 });
    t.store.db.export = () => {
      throw new Error('exported on the main thread');
    };
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await t.store.checkpoint();
    ticking = false;
    expect(ticks).toBeGreaterThan(20);
    expect(t.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop()).toMatch(/worker export/);
    await t.store.close();
  });

  it('checkpoints after so many bytes of metadata, and after metric points only once the journal cap is passed', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, { ...inWorker, checkpointBytes: 20_000, maxJournalBytes: 3_000_000 });
    const [runId] = await seedRuns(t.store, { runs: 1, metrics: 0, params: 0, tags: 0 });
    const start = t.store.snapshotSeq;
    const pts = (i: number) => ({ keys: ['m'], keyIdx: Array.from({ length: 1000 }, () => 0), pts: new Float64Array(Array.from({ length: 3000 }, (_, j) => i * 1000 + j)) });
    // 1000 points per op: about 28 kB of points, and under 200 bytes of metadata
    for (let i = 0; i < 80; i++) await t.store.commit({ type: 'run.log', runId: runId!, metrics: pts(i), params: [], tags: [], time: i });
    await turns();
    expect(t.store.checkpointInFlight).toBe(false);
    expect(t.store.snapshotSeq).toBe(start); // 2.2 MB of points, 80 ops of metadata: no checkpoint
    for (let i = 80; i < 120 && t.store.snapshotSeq === start; i++) {
      await t.store.commit({ type: 'run.log', runId: runId!, metrics: pts(i), params: [], tags: [], time: i });
      while (t.store.checkpointInFlight) await turns();
    }
    expect(t.store.snapshotSeq).toBeGreaterThan(start); // the cap (3 MB) was passed
    const afterCap = t.store.snapshotSeq;
    for (let i = 0; i < 200 && t.store.snapshotSeq === afterCap; i++) {
      await t.store.commit({ type: 'experiment.setTag', id: '0', tag: { key: `k${i}`, value: 'x'.repeat(100) }, time: i });
      while (t.store.checkpointInFlight) await turns();
    }
    expect(t.store.snapshotSeq).toBeGreaterThan(afterCap); // metadata alone: about 20 kB of tags
    expect(t.store.snapshotSeq - afterCap).toBeLessThan(200);
    await t.store.close();
  });
});

describe('a checkpoint switches store.json only once everything it covers is durable', () => {
  it('waits for the series sync although the snapshot is written', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, inWorker);
    await createExperiment(t.svc, { name: 'a', tags: [] });
    const before = manifestSnapshot(dir);
    const files = t.store.ctx.files;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sync = files.sync.bind(files);
    files.sync = async (...args: Parameters<typeof files.sync>) => {
      await gate;
      await sync(...args);
    };
    const seq = t.store.lastSeq;
    const checkpoint = t.store.checkpoint();
    while (!existsSync(join(dir, SNAPSHOT_DIR, snapshotName(seq)))) await turns(); // the worker wrote it
    for (let i = 0; i < 10; i++) await turns();
    expect(manifestSnapshot(dir)).toEqual(before);
    await createExperiment(t.svc, { name: 'during', tags: [] }); // commits go on meanwhile
    release();
    await checkpoint;
    expect(manifestSnapshot(dir).seq).toBe(seq);
    Reflect.deleteProperty(files, 'sync');
    await t.store.close();
  });

  it("writes the series files' buffered points out on a later turn than the cut, and still before store.json switches", async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, inWorker);
    await seedRuns(t.store, { runs: 3, metrics: 2, points: 20 }); // past the inline limit: points buffered for files
    const files = t.store.ctx.files;
    const calls: string[] = [];
    const flush = files.flush.bind(files);
    const sync = files.sync.bind(files);
    files.flush = () => {
      calls.push('flush');
      flush();
    };
    files.sync = (...args: Parameters<typeof files.sync>) => {
      calls.push('sync');
      return sync(...args);
    };
    const seq = t.store.lastSeq;
    const checkpoint = t.store.checkpoint();
    expect(calls).toEqual([]); // the cut itself wrote nothing of the series
    await checkpoint;
    expect(calls[0]).toBe('sync');
    expect(manifestSnapshot(dir).seq).toBe(seq);
    Reflect.deleteProperty(files, 'flush');
    Reflect.deleteProperty(files, 'sync');
    await t.store.close();
    const t2 = await openTestStore(dir);
    expect(t2.store.snapshotSeq).toBe(seq);
    await t2.store.close();
  });

  it('fails the store when the series files cannot be synced, keeping store.json and the journal', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, inWorker);
    await createExperiment(t.svc, { name: 'a', tags: [] });
    const before = manifestSnapshot(dir);
    const files = t.store.ctx.files;
    files.sync = () => Promise.reject(new Error('EIO'));
    await expect(t.store.checkpoint()).rejects.toThrow(/series files could not be synced \(EIO\)/);
    expect(manifestSnapshot(dir)).toEqual(before);
    await expect(createExperiment(t.svc, { name: 'b', tags: [] })).rejects.toBeInstanceOf(StoreWriteError);
    Reflect.deleteProperty(files, 'sync');
    await t.store.close();
    const t2 = await openTestStore(dir);
    expect(hasExperiment(t2, 'a')).toBe(true);
    await t2.store.close();
  });

  it('fails only the checkpoint when the snapshot cannot be written; the next one succeeds', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, inWorker);
    await createExperiment(t.svc, { name: 'a', tags: [] });
    const before = manifestSnapshot(dir);
    const seq = t.store.lastSeq;
    const blocker = join(dir, SNAPSHOT_DIR, `${snapshotName(seq)}.tmp-${process.pid}`);
    mkdirSync(blocker); // the worker's temp file cannot be created
    const segmentsBefore = segments(dir);
    await expect(t.store.checkpoint()).rejects.toThrow(/snapshot at seq \d+ failed/);
    expect(t.logs.some((l) => /checkpoint at seq \d+ failed .*previous snapshot and the journal keep every write/.test(l))).toBe(true);
    expect(manifestSnapshot(dir)).toEqual(before);
    expect(segments(dir)).toEqual(expect.arrayContaining(segmentsBefore)); // no segment removed
    await createExperiment(t.svc, { name: 'b', tags: [] }); // writes go on
    rmSync(blocker, { recursive: true });
    await t.store.checkpoint();
    expect(manifestSnapshot(dir).seq).toBe(t.store.lastSeq);
    await t.store.close();
    const t2 = await openTestStore(dir);
    expect(hasExperiment(t2, 'a') && hasExperiment(t2, 'b')).toBe(true);
    await t2.store.close();
  });

  it('survives a worker that dies: the checkpoint fails, the next exports on the main thread and starts a new worker', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, { ...inWorker, checkpointWorker: dyingWorker });
    await createExperiment(t.svc, { name: 'a', tags: [] });
    const before = manifestSnapshot(dir);
    writeFileSync(join(dir, 'die-on-snapshot'), '');
    await expect(t.store.checkpoint()).rejects.toThrow(/exited \(code 3\)/);
    expect(manifestSnapshot(dir)).toEqual(before);
    expect(t.store.checkpointsInWorker).toBe(false);
    await createExperiment(t.svc, { name: 'b', tags: [] });
    await t.store.checkpoint();
    expect(t.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop()).toMatch(/main thread export/);
    expect(t.store.checkpointsInWorker).toBe(true); // a new worker, from the image just exported
    await createExperiment(t.svc, { name: 'c', tags: [] });
    await t.store.checkpoint();
    expect(t.logs.filter((l) => l.startsWith('checkpoint: snapshot at seq')).pop()).toMatch(/worker export/);
    const snap = manifestSnapshot(dir);
    expect((await contentsOf(readFileSync(join(dir, SNAPSHOT_DIR, snap.file)))).rows).toEqual((await contentsOf(t.store.db.export())).rows);
    await t.store.close();
    const t2 = await openTestStore(dir);
    expect(['a', 'b', 'c'].every((n) => hasExperiment(t2, n))).toBe(true);
    await t2.store.close();
  });
});
