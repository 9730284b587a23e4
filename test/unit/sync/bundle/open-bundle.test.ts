import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../../../electron/store/ops/op-types';
import { getRun } from '../../../../electron/store/repos/runs-repo';
import { versionsOf } from '../../../../electron/store/registry/registry-repo';
import { exportBundle } from '../../../../electron/sync/bundle/export-bundle';
import { openBundle } from '../../../../electron/sync/bundle/open-bundle';
import { importSource } from '../../../../electron/sync/import/importer';
import { openImportSource } from '../../../../electron/sync/import/open-source';
import type { JobProgress } from '../../../../electron/jobs/job-types';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { TEST_KDF } from './bundle-fixture';

const tempDir = useTempDirs();
const RUN = 'c'.repeat(32);
const CHILD = 'd'.repeat(32);

const points = (key: string, from: number, n: number) => ({ keys: [key], keyIdx: Array<number>(n).fill(0), pts: new Float64Array(Array.from({ length: n }, (_, i) => [1000 + from + i, from + i, from + i === 1 ? Number.NaN : from + i === 2 ? -Infinity : (from + i) / 2]).flat()) });

async function fill(t: TestStore): Promise<void> {
  const ops: Op[] = [
    { type: 'experiment.create', id: '1', name: 'sweep', artifactLocation: 'mlflow-artifacts:/1', tags: [{ key: 'team', value: 'a' }], time: 1 },
    { type: 'run.create', runId: RUN, experimentId: '1', name: 'parent', userId: 'u', startTime: 5, artifactUri: `mlflow-artifacts:/1/${RUN}/artifacts`, tags: [], time: 5 },
    { type: 'run.log', runId: RUN, metrics: points('loss', 0, 50), params: [{ key: 'lr', value: '0.1' }], tags: [{ key: 'stage', value: 'one' }], time: 6 },
    { type: 'run.create', runId: CHILD, experimentId: '1', name: 'child', userId: 'u', startTime: 7, artifactUri: `mlflow-artifacts:/1/${CHILD}/artifacts`, tags: [{ key: 'mlflow.parentRunId', value: RUN }], time: 7 },
    { type: 'run.update', runId: CHILD, status: 'FINISHED', endTime: 8, time: 8 },
    { type: 'registry.createModel', name: 'clf', description: 'a model', tags: [{ key: 'k', value: 'v' }], time: 9 },
    { type: 'registry.createVersion', name: 'clf', version: 1, source: `mlflow-artifacts:/1/${RUN}/artifacts/model`, storageLocation: `mlflow-artifacts:/1/${RUN}/artifacts/model`, runId: RUN, runLink: '', description: '', userId: '', modelId: '', tags: [], time: 9 },
    { type: 'registry.setAlias', name: 'clf', alias: 'champion', version: 1, time: 9 },
    { type: 'registry.transitionStage', name: 'clf', version: 1, stage: 'Production', archiveExisting: false, time: 9 },
  ];
  for (const op of ops) await t.store.commit(op);
  const dir = join(t.store.artifactsDir, '1', RUN, 'artifacts', 'model');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(3000, 7));
}

/** What a run is in a store, for comparing two stores field by field. */
function snapshot(t: TestStore, runId: string) {
  const run = getRun(t.store.db, runId);
  const series = t.store.ctx.series.forRun(runId).map((m) => ({ key: m.key, points: Array.from(t.store.ctx.files.readRaw(m, 0, m.points)).map(String) }));
  const { artifact_uri: _uri, ...info } = run.info;
  void _uri;
  return { info, params: run.data.params, tags: run.data.tags, series };
}

const artifact = (t: TestStore, runId: string, path: string) => readFileSync(join(t.store.artifactsDir, getRun(t.store.db, runId).info.artifact_uri.replace(/^mlflow-artifacts:\/*/, ''), path));

async function importBundle(t: TestStore, path: string, passphrase?: string) {
  const source = await openBundle(path, { passphrase });
  try {
    return await importSource({ svc: t.svc, source });
  } finally {
    await source.close();
  }
}

describe('openBundle + importSource', () => {
  it('a full bundle into an empty store: ids kept, histories (NaN, -inf), artifacts, registry; twice changes nothing', async () => {
    const dir = tempDir();
    const a = await openTestStore(join(dir, 'a'));
    await fill(a);
    const path = join(dir, 'full.sxb');
    await exportBundle({ svc: a.svc, out: path, experiments: [], models: [] });
    const b = await openTestStore(join(dir, 'b'));
    const first = await importBundle(b, path);
    expect(first.problems).toEqual([]);
    for (const id of [RUN, CHILD]) expect(snapshot(b, id)).toEqual(snapshot(a, id));
    expect(artifact(b, RUN, 'model/weights.bin').equals(Buffer.alloc(3000, 7))).toBe(true);
    const v = versionsOf(b.store.db, 'clf')[0]!;
    expect(v).toMatchObject({ version: '1', current_stage: 'Production', aliases: ['champion'], run_id: RUN });
    const before = { runs: b.store.db.all('SELECT * FROM runs ORDER BY run_id'), tags: b.store.db.all('SELECT * FROM tags ORDER BY run_id, key') };
    const second = await importBundle(b, path);
    expect(second.problems).toEqual([]);
    expect({ runs: b.store.db.all('SELECT * FROM runs ORDER BY run_id'), tags: b.store.db.all('SELECT * FROM tags ORDER BY run_id, key') }).toEqual(before);
    for (const id of [RUN, CHILD]) expect(snapshot(b, id)).toEqual(snapshot(a, id));
    await a.store.close();
    await b.store.close();
  });

  it('a chain of incremental bundles imported in order equals one full bundle; out of order is refused naming the missing one', async () => {
    const dir = tempDir();
    const a = await openTestStore(join(dir, 'a'));
    await fill(a);
    const full = join(dir, 'full.sxb');
    const opts = { experiments: [], models: [], passphrase: 'pw', kdfCost: TEST_KDF };
    await exportBundle({ svc: a.svc, out: full, ...opts });
    await a.store.commit({ type: 'run.log', runId: RUN, metrics: points('loss', 50, 30), params: [{ key: 'batch', value: '32' }], tags: [{ key: 'stage', value: 'two' }], time: 20 });
    await a.store.commit({ type: 'run.update', runId: RUN, status: 'FINISHED', endTime: 21, time: 21 });
    writeFileSync(join(a.store.artifactsDir, '1', RUN, 'artifacts', 'notes.txt'), 'more');
    const inc1 = join(dir, 'inc-1.sxb');
    await exportBundle({ svc: a.svc, out: inc1, since: full, ...opts });
    await a.store.commit({ type: 'run.log', runId: CHILD, metrics: points('acc', 0, 10), params: [], tags: [], time: 22 });
    const inc2 = join(dir, 'inc-2.sxb');
    await exportBundle({ svc: a.svc, out: inc2, since: inc1, ...opts });
    const everything = join(dir, 'everything.sxb');
    await exportBundle({ svc: a.svc, out: everything, ...opts });

    const chained = await openTestStore(join(dir, 'chained'));
    await expect(importBundle(chained, inc1, 'pw')).rejects.toThrow(/'inc-1.sxb'.*holds only what changed since bundle 'full.sxb' \(written .*\), which has not been imported/);
    expect(chained.store.db.all('SELECT run_id FROM runs')).toEqual([]);
    for (const p of [full, inc1]) expect((await importBundle(chained, p, 'pw')).problems).toEqual([]);
    await expect(importBundle(chained, join(dir, 'nothing.sxb'), 'pw')).rejects.toThrow(/ENOENT|no such file/);
    expect((await importBundle(chained, inc2, 'pw')).problems).toEqual([]);
    const single = await openTestStore(join(dir, 'single'));
    expect((await importBundle(single, everything, 'pw')).problems).toEqual([]);
    for (const id of [RUN, CHILD]) {
      expect(snapshot(chained, id)).toEqual(snapshot(a, id));
      expect(snapshot(single, id)).toEqual(snapshot(a, id));
    }
    expect(artifact(chained, RUN, 'notes.txt').toString()).toBe('more');
    await a.store.close();
    await chained.store.close();
    await single.store.close();
  });

  it('is recognised by its magic and shows the verifying pass as progress, then the bytes the import copies', async () => {
    const dir = tempDir();
    const a = await openTestStore(join(dir, 'a'));
    await fill(a);
    const path = join(dir, 'no-extension');
    await exportBundle({ svc: a.svc, out: path, experiments: [], models: [] });
    const updates: Partial<JobProgress>[] = [];
    const source = await openImportSource(path, { progress: (p) => updates.push(p) });
    await source.close();
    expect(source.kind).toBe('bundle');
    const checks = updates.filter((u) => u.phase === 'checking the bundle');
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.at(-1)!.bytesDone).toBe(checks.at(-1)!.bytesTotal);
    expect(updates.at(-1)).toEqual({ bytesDone: 0, bytesTotal: 3000 });
    await a.store.close();
  });

  it('a bundle with a flipped byte is refused before anything is written', async () => {
    const dir = tempDir();
    const a = await openTestStore(join(dir, 'a'));
    await fill(a);
    const path = join(dir, 'full.sxb');
    await exportBundle({ svc: a.svc, out: path, experiments: [], models: [] });
    const bytes = readFileSync(path);
    bytes[bytes.length - 200] = bytes[bytes.length - 200]! ^ 0x04; // inside the last artifact
    writeFileSync(path, bytes);
    const b = await openTestStore(join(dir, 'b'));
    await expect(importBundle(b, path)).rejects.toThrow(/damaged/);
    expect(b.store.db.all('SELECT run_id FROM runs')).toEqual([]);
    await a.store.close();
    await b.store.close();
  });
});
