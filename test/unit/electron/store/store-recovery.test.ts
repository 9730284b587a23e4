import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExperiment, getExperiment } from '../../../../electron/services/experiments-service';
import { logToRun } from '../../../../electron/services/logging-service';
import { createRun, getRun } from '../../../../electron/services/runs-service';
import { getMetricHistory } from '../../../../electron/services/history-service';
import { scanJournal } from '../../../../electron/store/journal-reader';
import { crash, openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const points = (key: string, steps: number[]) => ({ keys: [key], keyIdx: steps.map(() => 0), pts: new Float64Array(steps.flatMap((s) => [1000 + s, s, s / 10])) });

async function seed(dir: string) {
  const t = await openTestStore(dir);
  const exp = await createExperiment(t.svc, { name: 'e1', tags: [] });
  const run = await createRun(t.svc, { experimentId: exp, tags: [] });
  const runId = run.info.run_id;
  await logToRun(t.svc, { runId, metrics: points('loss', [0, 1, 2]), params: [{ key: 'lr', value: '0.1' }], tags: [{ key: 't', value: 'v' }] });
  return { t, exp, runId };
}

describe('store recovery', () => {
  it('keeps acknowledged writes across a crash (journal replay) and a clean close (snapshot)', async () => {
    const dir = tempDir();
    const { t, runId } = await seed(dir);
    await crash(t);
    const t2 = await openTestStore(dir);
    expect(t2.logs.some((l) => l.includes('replayed'))).toBe(true);
    expect(getRun(t2.svc, runId).data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(getMetricHistory(t2.svc, { runId, key: 'loss' }).metrics.map((m) => m.step)).toEqual([0, 1, 2]);
    await logToRun(t2.svc, { runId, metrics: points('loss', [3]), params: [], tags: [] });
    await t2.store.close();
    const t3 = await openTestStore(dir);
    expect(t3.logs.some((l) => l.includes('replayed'))).toBe(false); // all in the snapshot
    expect(getMetricHistory(t3.svc, { runId, key: 'loss' }).metrics.map((m) => m.step)).toEqual([0, 1, 2, 3]);
    await t3.store.close();
  });

  it('drops a torn journal tail, says so, and keeps every earlier write', async () => {
    const dir = tempDir();
    const { t, runId } = await seed(dir);
    await logToRun(t.svc, { runId, metrics: points('loss', [10]), params: [], tags: [] });
    await crash(t);
    const seg = join(dir, 'journal', readdirSync(join(dir, 'journal'))[0]!);
    truncateSync(seg, statSync(seg).size - 3); // the last record is torn
    const t2 = await openTestStore(dir);
    expect(t2.logs.join('\n')).toMatch(/dropped a torn tail/);
    expect(getMetricHistory(t2.svc, { runId, key: 'loss' }).metrics.map((m) => m.step)).toEqual([0, 1, 2]);
    await t2.store.close();
  });

  it('does not apply twice what a checkpoint already holds when the crash came before old segments were removed', async () => {
    const dir = tempDir();
    const { t, runId } = await seed(dir);
    const before = readdirSync(join(dir, 'journal')).map((n) => [n, readFileSync(join(dir, 'journal', n))] as const);
    await t.store.checkpoint();
    await crash(t);
    for (const [name, bytes] of before) writeFileSync(join(dir, 'journal', name), bytes); // old segment "not yet deleted"
    const t2 = await openTestStore(dir);
    expect(getMetricHistory(t2.svc, { runId, key: 'loss' }).metrics).toHaveLength(3);
    await t2.store.close();
  });

  it('ignores a snapshot written but never named by the manifest (crash before the manifest switch)', async () => {
    const dir = tempDir();
    const { t, runId } = await seed(dir);
    const manifest = readFileSync(join(dir, 'store.json'));
    const saved = ['journal', 'snapshots'].flatMap((sub) => readdirSync(join(dir, sub)).map((n) => [join(dir, sub, n), readFileSync(join(dir, sub, n))] as const));
    await t.store.checkpoint();
    await crash(t);
    // The state a crash right before the manifest switch leaves: the new snapshot file exists,
    // the manifest still names the old one, and the old segments are still there.
    writeFileSync(join(dir, 'store.json'), manifest);
    for (const [path, bytes] of saved) writeFileSync(path, bytes);
    expect(readdirSync(join(dir, 'snapshots')).length).toBeGreaterThan(1);
    const t2 = await openTestStore(dir);
    expect(getRun(t2.svc, runId).data.tags).toContainEqual({ key: 't', value: 'v' });
    expect(getMetricHistory(t2.svc, { runId, key: 'loss' }).metrics).toHaveLength(3);
    await t2.store.close();
    expect(readdirSync(join(dir, 'snapshots'))).toHaveLength(1);
  });

  it('refuses a corrupt snapshot with a clear message', async () => {
    const dir = tempDir();
    const { t } = await seed(dir);
    await t.store.close();
    const snap = join(dir, 'snapshots', readdirSync(join(dir, 'snapshots'))[0]!);
    const bytes = readFileSync(snap);
    bytes[100]! ^= 0xff;
    writeFileSync(snap, bytes);
    await expect(openTestStore(dir)).rejects.toThrow(/snapshot .* is corrupt/);
  });

  it('refuses a store written by a newer format', async () => {
    const dir = tempDir();
    const { t } = await seed(dir);
    await t.store.close();
    const manifest = JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8'));
    writeFileSync(join(dir, 'store.json'), JSON.stringify({ ...manifest, format: 99 }));
    await expect(openTestStore(dir)).rejects.toThrow(/newer Sextant \(store format 99\)/);
  });

  it('opens a format-1 store and marks it format 2 at its next checkpoint (older builds then refuse it)', async () => {
    const dir = tempDir();
    const { t } = await seed(dir);
    await t.store.close();
    const manifest = JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8'));
    expect(manifest.format).toBe(2);
    writeFileSync(join(dir, 'store.json'), JSON.stringify({ ...manifest, format: 1 }));
    const t2 = await openTestStore(dir);
    expect(JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')).format).toBe(1); // nothing written yet
    await createExperiment(t2.svc, { name: 'after-upgrade', tags: [] });
    await t2.store.close();
    expect(JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')).format).toBe(2);
  });

  it('lets one process at a time open a store and names the holder', async () => {
    const dir = tempDir();
    const { t } = await seed(dir);
    await expect(openTestStore(dir)).rejects.toThrow(new RegExp(`already open by process ${process.pid}`));
    await t.store.close();
    const t2 = await openTestStore(dir);
    expect(getExperiment(t2.svc, '0').name).toBe('Default');
    await t2.store.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = tempDir();
    const { t } = await seed(dir);
    await t.store.close();
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: 0, command: 'x' }));
    const t2 = await openTestStore(dir);
    await t2.store.close();
  });

  it('checkpoints by itself once the journal passes the threshold, and recovers across it', async () => {
    const dir = tempDir();
    const t = await openTestStore(dir, { checkpointBytes: 2000 });
    const exp = await createExperiment(t.svc, { name: 'e', tags: [] });
    const run = await createRun(t.svc, { experimentId: exp, tags: [] });
    for (let i = 0; i < 50; i++) await logToRun(t.svc, { runId: run.info.run_id, metrics: points('m', [i * 2, i * 2 + 1]), params: [], tags: [] });
    while (t.store.checkpointInFlight) await new Promise((r) => setTimeout(r, 10));
    expect(t.logs.some((l) => l.startsWith('checkpoint: snapshot at seq'))).toBe(true);
    await crash(t);
    const t2 = await openTestStore(dir);
    expect(getMetricHistory(t2.svc, { runId: run.info.run_id, key: 'm' }).metrics.map((m) => m.step)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    await t2.store.close();
  });
});

describe('store recovery: preallocated journal segments', () => {
  /** Metric batches of 60 points (well over a kilobyte each), until the journal is past the writer's lead and preallocated. */
  async function logBatches(t: Awaited<ReturnType<typeof openTestStore>>, runId: string, from: number, batches: number) {
    for (let b = 0; b < batches; b++) {
      const first = (from + b) * 60;
      await logToRun(t.svc, { runId, metrics: points('m', Array.from({ length: 60 }, (_, i) => first + i)), params: [], tags: [] });
    }
  }
  const journalFiles = (dir: string) => readdirSync(join(dir, 'journal')).map((name) => ({ name, size: statSync(join(dir, 'journal', name)).size }));
  const recordBytes = (dir: string, name: string) => scanJournal(join(dir, 'journal', name)).validBytes;

  it('replays every acknowledged write from a preallocated segment after a crash, and trims its zero tail', async () => {
    const dir = tempDir();
    const { t, runId } = await seed(dir);
    await logBatches(t, runId, 1, 120);
    const [segment] = journalFiles(dir).filter((f) => f.name.endsWith('.log'));
    const used = recordBytes(dir, segment!.name);
    for (let i = 0; i < 10_000 && statSync(join(dir, 'journal', segment!.name)).size <= used; i++) await new Promise((r) => setImmediate(r));
    expect(statSync(join(dir, 'journal', segment!.name)).size).toBeGreaterThan(used); // zeros ahead of the records
    await crash(t);
    const t2 = await openTestStore(dir);
    expect(t2.logs.join('\n')).not.toMatch(/torn/);
    expect(getMetricHistory(t2.svc, { runId, key: 'm' }).metrics).toHaveLength(120 * 60);
    expect(statSync(join(dir, 'journal', segment!.name)).size).toBe(used);
    await t2.store.close();
  });

  it('keeps no preallocated space across repeated opens and clean closes', async () => {
    const dir = tempDir();
    const { t, runId } = await seed(dir);
    await t.store.close();
    for (let round = 0; round < 2; round++) {
      const tr = await openTestStore(dir);
      await logBatches(tr, runId, 1 + round * 800, 800); // over a MiB: the writer prepares a spare next segment too
      await tr.store.close();
      for (const f of journalFiles(dir)) {
        expect(f.name, 'no spare left behind').toMatch(/^[0-9]{16}\.log$/);
        expect(f.size, `${f.name} holds only records`).toBe(recordBytes(dir, f.name));
      }
    }
    const t2 = await openTestStore(dir);
    expect(getMetricHistory(t2.svc, { runId, key: 'm' }).metrics).toHaveLength(2 * 800 * 60);
    await t2.store.close();
  });
});
