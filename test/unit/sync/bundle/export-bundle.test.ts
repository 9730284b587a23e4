import { mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../../../electron/store/ops/op-types';
import { exportBundle } from '../../../../electron/sync/bundle/export-bundle';
import { readBundleHead, readBundleManifest } from '../../../../electron/sync/bundle/read-bundle';
import { partLength, verifyBundle } from '../../../../electron/sync/bundle/verify-bundle';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { TEST_KDF } from './bundle-fixture';

const tempDir = useTempDirs();
const RUN = 'a'.repeat(32);
const RUN2 = 'b'.repeat(32);

const points = (key: string, from: number, n: number) => ({ keys: [key], keyIdx: Array<number>(n).fill(0), pts: new Float64Array(Array.from({ length: n }, (_, i) => [1000 + from + i, from + i, from + i === 1 ? Number.NaN : (from + i) / 2]).flat()) });

async function fill(t: TestStore): Promise<void> {
  const ops: Op[] = [
    { type: 'experiment.create', id: '1', name: 'sweep', artifactLocation: 'mlflow-artifacts:/1', tags: [{ key: 'team', value: 'a' }], time: 1 },
    { type: 'run.create', runId: RUN, experimentId: '1', name: 'parent', userId: 'u', startTime: 5, artifactUri: `mlflow-artifacts:/1/${RUN}/artifacts`, tags: [], time: 5 },
    { type: 'run.log', runId: RUN, metrics: points('loss', 0, 100), params: [{ key: 'lr', value: '0.1' }], tags: [{ key: 'stage', value: 'one' }], time: 6 },
    { type: 'run.create', runId: RUN2, experimentId: '1', name: 'child', userId: 'u', startTime: 7, artifactUri: `mlflow-artifacts:/1/${RUN2}/artifacts`, tags: [{ key: 'mlflow.parentRunId', value: RUN }], time: 7 },
  ];
  for (const op of ops) await t.store.commit(op);
  const dir = join(t.store.artifactsDir, '1', RUN, 'artifacts', 'model');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), Buffer.alloc(3000, 7));
}

async function readParts(path: string, passphrase?: string) {
  const head = await readBundleHead(path, passphrase);
  try {
    const starts = await verifyBundle(head);
    const parts = await Promise.all(head.catalog.parts.map((p, i) => head.body.read(starts[i]!, partLength(p))));
    return { ...head, parts };
  } finally {
    await head.body.close();
  }
}

describe('exportBundle', () => {
  it('writes everything in the store (ids, histories with NaN, artifacts, nested runs) and a state to continue from', async () => {
    const dir = tempDir();
    const t = await openTestStore(join(dir, 'store'));
    await fill(t);
    const out = join(dir, 'full.sxb');
    const report = await exportBundle({ svc: t.svc, out, experiments: [], models: [] });
    expect(report.summary).toMatch(/^exported 2 experiments, 2 runs, 100 points, 1 artifact/);
    const b = await readParts(out);
    expect(b.manifest.storeId).toBe(t.store.id);
    expect(b.manifest.since).toBeNull();
    expect(b.catalog.experiments.map((e) => e.name)).toEqual(['Default', 'sweep']);
    expect(b.catalog.runs.map((r) => r.runId)).toEqual([RUN, RUN2]); // parents first
    const parent = b.catalog.runs[0]!;
    expect(parent.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(parent.metricKeys).toEqual(['loss']);
    expect(b.catalog.parts.map((p) => p.kind)).toEqual(['series', 'artifact']);
    const pts = new Float64Array(new Uint8Array(b.parts[0]!).buffer);
    expect(pts.length).toBe(300);
    expect(pts[5]).toBeNaN();
    expect(b.parts[1]!.equals(Buffer.alloc(3000, 7))).toBe(true);
    expect(b.catalog.state.runs[RUN]!.series).toEqual({ loss: 100 });
    await t.store.close();
  });

  it('--since holds only what changed: new points, new tags and files, a changed status; nothing for an unchanged run', async () => {
    const dir = tempDir();
    const t = await openTestStore(join(dir, 'store'));
    await fill(t);
    const full = join(dir, 'full.sxb');
    await exportBundle({ svc: t.svc, out: full, experiments: ['sweep'], models: [], passphrase: 'pw', kdfCost: TEST_KDF });
    await t.store.commit({ type: 'run.log', runId: RUN, metrics: points('loss', 100, 20), params: [], tags: [{ key: 'stage', value: 'two' }], time: 9 });
    await t.store.commit({ type: 'run.update', runId: RUN, status: 'FINISHED', endTime: 10, time: 10 });
    writeFileSync(join(t.store.artifactsDir, '1', RUN, 'artifacts', 'notes.txt'), 'new');
    const inc = join(dir, 'inc.sxb');
    const report = await exportBundle({ svc: t.svc, out: inc, experiments: ['sweep'], models: [], since: full, passphrase: 'pw', kdfCost: TEST_KDF });
    expect(report.summary).toContain('incremental since full.sxb');
    const fullManifest = (await readBundleManifest(full, 'pw')).manifest;
    const b = await readParts(inc, 'pw');
    expect(b.manifest.since).toEqual({ bundleId: fullManifest.bundleId, createdAt: fullManifest.createdAt, file: 'full.sxb' });
    expect(b.catalog.runs.map((r) => r.runId)).toEqual([RUN]);
    const run = b.catalog.runs[0]!;
    expect(run.status).toBe('FINISHED');
    expect(run.tags).toEqual([{ key: 'stage', value: 'two' }]);
    expect(run.params).toEqual([]);
    expect(b.catalog.parts).toEqual([
      { kind: 'series', runId: RUN, key: 'loss', from: 100, points: 20 },
      { kind: 'artifact', runId: RUN, path: 'notes.txt', size: 3 },
    ]);
    expect(new Float64Array(new Uint8Array(b.parts[0]!).buffer)[1]).toBe(100); // the step of the first new point
    expect(b.catalog.state.runs[RUN]!.series).toEqual({ loss: 120 });
    expect(Object.keys(b.catalog.state.runs).sort()).toEqual([RUN, RUN2].sort());

    const again = join(dir, 'inc2.sxb');
    await exportBundle({ svc: t.svc, out: again, experiments: ['sweep'], models: [], since: inc, passphrase: 'pw', kdfCost: TEST_KDF });
    const c = (await readBundleManifest(again, 'pw')).catalog;
    expect(c.runs).toEqual([]);
    expect(c.parts).toEqual([]);
    await t.store.close();
  });

  it('--model takes the registered model, its versions and the experiments their runs are in (and no other)', async () => {
    const dir = tempDir();
    const t = await openTestStore(join(dir, 'store'));
    await fill(t);
    const ops: Op[] = [
      { type: 'experiment.create', id: '2', name: 'other', artifactLocation: 'mlflow-artifacts:/2', tags: [], time: 10 },
      { type: 'registry.createModel', name: 'clf', description: '', tags: [], time: 11 },
      { type: 'registry.createVersion', name: 'clf', version: 1, source: `mlflow-artifacts:/1/${RUN}/artifacts/model`, storageLocation: `mlflow-artifacts:/1/${RUN}/artifacts/model`, runId: RUN, runLink: '', description: '', userId: '', modelId: '', tags: [], time: 11 },
      { type: 'registry.createModel', name: 'unrelated', description: '', tags: [], time: 12 },
    ];
    for (const op of ops) await t.store.commit(op);
    const out = join(dir, 'model.sxb');
    await exportBundle({ svc: t.svc, out, experiments: [], models: ['clf'] });
    const { catalog, manifest } = await readBundleManifest(out);
    expect(manifest.selection).toEqual({ experiments: [], models: ['clf'] });
    expect(catalog.experiments.map((e) => e.name)).toEqual(['sweep']);
    expect(catalog.registeredModels.map((m) => m.name)).toEqual(['clf']);
    expect(catalog.registeredModels[0]!.versions.map((v) => [v.version, v.runId])).toEqual([[1, RUN]]);
    await t.store.close();
  });

  it('says which files of pulled runs were left out because they are not downloaded yet', async () => {
    const dir = tempDir();
    const t = await openTestStore(join(dir, 'store'));
    await fill(t);
    await t.store.commit({ type: 'remote.add', remote: { name: 'team', url: 'http://x', authKind: 'none', username: '', secretEnv: '' }, time: 8 });
    await t.store.commit({ type: 'artifact.lazy', remote: 'team', runId: RUN2, files: [{ path: 'big.bin', size: 10 }], time: 8 });
    const report = await exportBundle({ svc: t.svc, out: join(dir, 'b.sxb'), experiments: ['sweep'], models: [] });
    expect(report.summary).toMatch(/; 1 artifact of pulled runs and logged models not downloaded yet was left out \(sextant pull REMOTE --artifacts eager/);
    expect(report.details.lazyFilesLeftOut).toBe(1);
    // a pulled logged model's lazy files (owner key model:<id>) are counted too
    await t.store.commit({ type: 'model.create', modelId: 'm-lazy', experimentId: '1', name: 'clf', modelType: '', sourceRunId: RUN2, artifactUri: 'mlflow-artifacts:/1/models/m-lazy/artifacts', params: [], tags: [], time: 9 });
    await t.store.commit({ type: 'artifact.lazy', remote: 'team', runId: 'model:m-lazy', files: [{ path: 'model.pkl', size: 20 }, { path: 'MLmodel', size: 5 }], time: 9 });
    const again = await exportBundle({ svc: t.svc, out: join(dir, 'c.sxb'), experiments: ['sweep'], models: [] });
    expect(again.details.lazyFilesLeftOut).toBe(3);
    await t.store.close();
  });

  it('refuses before writing: an unknown experiment or model, a --since from another store, a wrong passphrase for it', async () => {
    const dir = tempDir();
    const t = await openTestStore(join(dir, 'store'));
    await fill(t);
    const out = join(dir, 'x.sxb');
    await expect(exportBundle({ svc: t.svc, out, experiments: ['nope'], models: [] })).rejects.toThrow(/no experiment named 'nope'/);
    await expect(exportBundle({ svc: t.svc, out, experiments: [], models: ['nope'] })).rejects.toThrow(/no registered model named 'nope'/);
    const other = await openTestStore(join(dir, 'other'));
    const foreign = join(dir, 'foreign.sxb');
    await exportBundle({ svc: other.svc, out: foreign, experiments: [], models: [], passphrase: 'pw', kdfCost: TEST_KDF });
    await expect(exportBundle({ svc: t.svc, out, experiments: [], models: [], since: foreign, passphrase: 'pw' })).rejects.toThrow(/exported from another store/);
    await expect(exportBundle({ svc: t.svc, out, experiments: [], models: [], since: foreign, passphrase: 'nope' })).rejects.toThrow(/wrong passphrase/);
    await expect(exportBundle({ svc: t.svc, out, experiments: [], models: [], since: foreign })).rejects.toThrow(/give its passphrase/);
    expect(readdirSync(dir).sort()).toEqual(['foreign.sxb', 'other', 'store']);
    const ac = new AbortController();
    ac.abort();
    await expect(exportBundle({ svc: t.svc, out, experiments: [], models: [], signal: ac.signal })).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['foreign.sxb', 'other', 'store']);
    await other.store.close();
    await t.store.close();
  });
});
