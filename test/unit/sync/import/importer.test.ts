// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getMetricHistory } from '../../../../electron/services/history-service';
import { getModel, getVersionByAlias } from '../../../../electron/services/registry-service';
import { findExperiment, findExperimentByName } from '../../../../electron/store/repos/experiments-repo';
import { importedRun } from '../../../../electron/store/repos/imports-repo';
import { findRun, getRun } from '../../../../electron/store/repos/runs-repo';
import { importSource } from '../../../../electron/sync/import/importer';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { experiment, fakeSource, points, run, type FakeData } from './fake-source';

const R1 = 'a'.repeat(32);
const R2 = 'b'.repeat(32);
const R3 = 'c'.repeat(32);

function sample(): FakeData {
  return {
    experiments: [experiment('0', 'Default'), experiment('1', 'mine', { tags: [{ key: 'team', value: 'vision' }] }), experiment('2', 'old', { lifecycle: 'deleted' })],
    runs: [
      run(R1, '1', {
        params: [{ key: 'lr', value: '0.1' }], tags: [{ key: 'mlflow.runName', value: 'parent' }], metricKeys: ['loss'],
        history: { loss: points(2500) }, files: { 'model/weights.bin': Buffer.from([0, 1, 2, 255]), 'notes.txt': Buffer.from('hi') },
        datasets: [{ name: 'train', digest: 'd1', sourceType: 'local', source: '{}', tags: [{ key: 'mlflow.data.context', value: 'training' }] }],
      }),
      run(R2, '1', { tags: [{ key: 'mlflow.parentRunId', value: R1 }], lifecycle: 'deleted', metricKeys: ['acc'], history: { acc: [...points(10), points(1)[0]!] } }), // a point logged twice, as a file store keeps it
      run(R3, '2', { params: [{ key: 'x', value: '1' }] }),
    ],
    registry: [{
      name: 'clf', description: 'a model', creationTime: 100, lastUpdatedTime: 200, tags: [{ key: 'k', value: 'v' }], aliases: [{ alias: 'champion', version: 1 }],
      versions: [{ version: 1, source: `file:///src/1/${R1}/artifacts/model`, runId: R1, modelId: '', status: 'READY', stage: 'Production', description: 'first', userId: '', runLink: '', creationTime: 150, lastUpdatedTime: 160, lifecycle: 'active', tags: [] }],
    }],
  };
}

describe('importSource', () => {
  const tempDir = useTempDirs();
  const open: TestStore[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.store.close();
  });
  const store = async () => {
    const t = await openTestStore(tempDir());
    open.push(t);
    return t;
  };
  const history = (t: TestStore, runId: string, key: string) => getMetricHistory(t.svc, { runId, key }).metrics.map((m) => [m.timestamp, m.step, m.value]);

  it('brings everything in with run and experiment ids kept, and a second import changes nothing', async () => {
    const t = await store();
    const report = await importSource({ svc: t.svc, source: fakeSource(sample()) });
    expect(report.problems).toEqual([]);
    expect(report.details.counts).toMatchObject({ runsNew: 3, points: 2510, artifacts: 2, params: 2, versions: 1, registeredModels: 1 });
    const db = t.store.db;
    expect(findExperiment(db, '1')?.name).toBe('mine');
    expect(findExperiment(db, '2')?.lifecycle_stage).toBe('deleted');
    const r1 = getRun(db, R1);
    expect(r1.info).toMatchObject({ status: 'FINISHED', end_time: 6000, start_time: 5000, run_name: 'parent', experiment_id: '1' });
    expect(r1.inputs.dataset_inputs?.[0]?.dataset.name).toBe('train');
    expect(history(t, R1, 'loss')).toEqual(points(2500).map((p) => [p.timestamp, p.step, p.value]));
    expect(findRun(db, R2)?.lifecycle_stage).toBe('deleted');
    expect(importedRun(db, R2)).toEqual({ source: 'fake:1', complete: true });
    const file = join(t.store.artifactsDir, '1', R1, 'artifacts', 'model', 'weights.bin');
    expect([...readFileSync(file)]).toEqual([0, 1, 2, 255]);
    const v = getVersionByAlias(t.svc, 'clf', 'champion');
    expect(v).toMatchObject({ version: '1', current_stage: 'Production', description: 'first' });
    expect(getModel(t.svc, 'clf').description).toBe('a model');
    expect(report.details.experimentIds.sort()).toEqual(['0', '1', '2']);

    const seq = t.store.lastSeq;
    const again = await importSource({ svc: t.svc, source: fakeSource(sample()) });
    expect(again.problems).toEqual([]);
    expect(again.details.counts).toMatchObject({ runsNew: 0, runsUpdated: 0, runsUnchanged: 3, points: 0, artifacts: 0, versions: 0 });
    expect(t.store.lastSeq).toBe(seq + 1); // only the record of the import itself
  });

  it('adds only what the source gained since the last import', async () => {
    const t = await store();
    await importSource({ svc: t.svc, source: fakeSource(sample()) });
    const more = sample();
    const r1 = more.runs[0]!;
    r1.history.loss = points(2600);
    r1.params.push({ key: 'epochs', value: '3' });
    r1.tags.push({ key: 'note', value: 'more' });
    r1.files['notes.txt'] = Buffer.from('longer now');
    const report = await importSource({ svc: t.svc, source: fakeSource(more) });
    expect(report.details.counts).toMatchObject({ runsUpdated: 1, runsUnchanged: 2, points: 100, params: 1, tags: 1, artifacts: 1 });
    expect(history(t, R1, 'loss')).toHaveLength(2600);
    expect(readFileSync(join(t.store.artifactsDir, '1', R1, 'artifacts', 'notes.txt'), 'utf8')).toBe('longer now');
  });

  it('compares by value when points logged here sit among the imported ones', async () => {
    const t = await store();
    await importSource({ svc: t.svc, source: fakeSource(sample()) });
    const pts = new Float64Array([999, 7, 0.7]);
    await t.svc.store.commit({ type: 'run.log', runId: R1, metrics: { keys: ['loss'], keyIdx: [0], pts }, params: [], tags: [], time: 1 });
    const more = sample();
    more.runs[0]!.history.loss = [...points(2500).slice(0, 1200), { timestamp: 5, step: 5, value: Number.NaN }, ...points(2600).slice(1200)];
    const report = await importSource({ svc: t.svc, source: fakeSource(more) });
    expect(report.details.counts.points).toBe(101);
    expect(history(t, R1, 'loss')).toHaveLength(2602);
  });

  it('renumbers an experiment whose id is taken here, and reports a name clash unless told to merge or rename', async () => {
    const t = await store();
    await t.svc.store.commit({ type: 'experiment.create', id: '1', name: 'local', artifactLocation: 'mlflow-artifacts:/1', tags: [], time: 1 });
    await t.svc.store.commit({ type: 'experiment.create', id: '7', name: 'old', artifactLocation: 'mlflow-artifacts:/7', tags: [], time: 1 });
    const report = await importSource({ svc: t.svc, source: fakeSource(sample()) });
    expect(findExperimentByName(t.store.db, 'mine')?.experiment_id).toBe('8');
    expect(findRun(t.store.db, R1)?.experiment_id).toBe('8');
    expect(report.details.clashes).toEqual([{ kind: 'experiment', name: 'old', resolution: 'skipped' }]);
    expect(report.problems.map((p) => p.item)).toEqual(["experiment 'old' (2)"]);
    expect(findRun(t.store.db, R3)).toBeUndefined();

    const renamed = await importSource({ svc: t.svc, source: fakeSource(sample()), clash: 'rename' });
    expect(renamed.problems).toEqual([]);
    expect(findRun(t.store.db, R3)?.experiment_id).toBe(findExperimentByName(t.store.db, 'old (imported)')?.experiment_id);
    const third = await importSource({ svc: t.svc, source: fakeSource(sample()) });
    expect(third.problems).toEqual([]); // the renamed experiment is recognised
    expect(third.details.counts.runsUnchanged).toBe(3);
  });

  it('merges a clashing experiment into the one here when asked', async () => {
    const t = await store();
    await t.svc.store.commit({ type: 'experiment.create', id: '5', name: 'mine', artifactLocation: 'mlflow-artifacts:/5', tags: [], time: 1 });
    const report = await importSource({ svc: t.svc, source: fakeSource(sample()), clash: 'merge' });
    expect(report.problems).toEqual([]);
    expect(report.details.clashes).toEqual([{ kind: 'experiment', name: 'mine', resolution: 'merged', localName: 'mine' }]);
    expect(report.summary).toContain("; name clashes: 'mine' merged into the one here");
    expect(findRun(t.store.db, R1)?.experiment_id).toBe('5');
  });

  it('writes nothing in a dry run, and reports what would come in', async () => {
    const t = await store();
    const seq = t.store.lastSeq;
    const report = await importSource({ svc: t.svc, source: fakeSource(sample()), dryRun: true });
    expect(t.store.lastSeq).toBe(seq);
    expect(report.details.counts).toMatchObject({ runsNew: 3, points: 2511, artifacts: 2, bytes: 6, experiments: 2, versions: 1 }); // a dry run counts the point the source logged twice twice (the import stores it once)
    expect(report.summary).toMatch(/^would import/);

    await t.svc.store.commit({ type: 'experiment.create', id: '9', name: 'mine', artifactLocation: 'mlflow-artifacts:/9', tags: [], time: 1 });
    const seq2 = t.store.lastSeq;
    const clashing = await importSource({ svc: t.svc, source: fakeSource(sample()), dryRun: true });
    expect(clashing.details.clashes).toEqual([{ kind: 'experiment', name: 'mine', resolution: 'skipped' }]);
    expect(clashing.problems.map((p) => p.item)).toEqual(["experiment 'mine' (1)"]);
    const renamed = await importSource({ svc: t.svc, source: fakeSource(sample()), dryRun: true, clash: 'rename' });
    expect(renamed.details.experiments.find((e) => e.name === 'mine')).toMatchObject({ localName: 'mine (imported)', action: 'new', localId: '1', renumbered: false });
    expect(t.store.lastSeq).toBe(seq2);
  });

  it('ends an interrupted import, run again, exactly as one that ran through', async () => {
    const whole = await store();
    await importSource({ svc: whole.svc, source: fakeSource(sample()) });

    const t = await store();
    const stop = new AbortController();
    let batches = 0; // the first run's check pass reads 3 batches: stop in its write pass
    const first = await importSource({ svc: t.svc, source: fakeSource(sample(), { onBatch: () => void (++batches === 5 && stop.abort()) }), signal: stop.signal });
    expect(first.details.cancelled).toBe(true);
    expect(importedRun(t.store.db, R1)?.complete).toBe(false);
    const second = await importSource({ svc: t.svc, source: fakeSource(sample()) });
    expect(second.problems).toEqual([]);
    for (const id of [R1, R2, R3]) {
      const [a, b] = [getRun(whole.store.db, id), getRun(t.store.db, id)];
      expect(b.data).toEqual(a.data);
      expect({ ...b.info, artifact_uri: '' }).toEqual({ ...a.info, artifact_uri: '' });
      expect(importedRun(t.store.db, id)?.complete).toBe(true);
    }
    expect(history(t, R1, 'loss')).toEqual(history(whole, R1, 'loss'));
  });

  it('stops before a damaged item, naming it, with only whole runs written', async () => {
    const t = await store();
    const report = await importSource({ svc: t.svc, source: fakeSource(sample(), { damagedRun: R2 }) });
    expect(report.problems).toEqual([{ item: `run ${R2}`, message: expect.stringContaining('metrics/acc is damaged; the import stopped before it') }]);
    expect(importedRun(t.store.db, R1)?.complete).toBe(true);
    expect(findRun(t.store.db, R2)).toBeUndefined();
    expect(findRun(t.store.db, R3)).toBeUndefined();
  });

  it('lists files the source points at but lacks, and goes on', async () => {
    const t = await store();
    const data = sample();
    data.runs[0]!.files['gone.txt'] = null;
    const report = await importSource({ svc: t.svc, source: fakeSource(data) });
    expect(report.details.missing).toEqual([{ item: `run 'run-aaaa' (${R1})`, path: 'gone.txt', reason: `file:///src/1/${R1}/artifacts/gone.txt does not exist` }]);
    expect(report.problems).toHaveLength(1);
    expect(importedRun(t.store.db, R1)?.complete).toBe(true);
  });
});
