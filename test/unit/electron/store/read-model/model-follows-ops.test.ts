import { describe, expect, it } from 'vitest';
import type { Op } from '../../../../../electron/store/ops/op-types';
import { runsTouchedBy } from '../../../../../electron/store/read-model/op-touches';
import { runOf } from '../../../../../electron/store/read-model/run-json';
import { RunsReadModel } from '../../../../../electron/store/read-model/runs-read-model';
import { runsReadModelOf } from '../../../../../electron/store/read-model/store-read-model';
import { toRuns, type RunRow } from '../../../../../electron/store/repos/runs-repo';
import type { Store } from '../../../../../electron/store/store';
import { openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

/** Every run of the model equals what SQL builds of it today, and the model has no other run. */
function expectModelMatchesSql(store: Store, model: RunsReadModel): void {
  expect(model.ready()).toBe(true);
  const rows = store.db.all<RunRow>('SELECT * FROM runs ORDER BY run_id');
  expect(model.size).toBe(rows.length);
  const fromSql = toRuns(store.db, rows);
  for (const run of fromSql) expect(runOf(model.get(run.info.run_id)!), run.info.run_id).toEqual(run);
}

const source = { identity: 'src', kind: 'mlflow-db', label: 'src' };
const points = (key: string, ...tsv: number[]) => ({ keys: [key], keyIdx: tsv.filter((_, i) => i % 3 === 0).map(() => 0), pts: Float64Array.from(tsv) });

describe('the runs read model follows the commit stream', () => {
  it('re-reads exactly the runs each op touches, and ends up equal to SQL after every op', async () => {
    const t = await openTestStore(tempDir());
    const { store } = t;
    const model = runsReadModelOf(store);
    const create = (runId: string, experimentId = '0'): Op => ({ type: 'run.create', runId, experimentId, name: `n-${runId}`, userId: 'u', startTime: 10, artifactUri: `a/${runId}`, tags: [{ key: 'k', value: 'v' }], time: 1 });
    await store.commit({ type: 'experiment.create', id: '1', name: 'one', artifactLocation: 'x', tags: [], time: 1 });
    await store.commit(create('r1'));
    await store.commit(create('r2'));
    expectModelMatchesSql(store, model); // built from SQL on first use

    const steps: [string, Op, number][] = [
      ['run.create', create('r3'), 1],
      ['run.log', { type: 'run.log', runId: 'r1', metrics: points('loss', 5, 0, 0.5, 6, 1, Number.NaN), params: [{ key: 'lr', value: '0.1' }], tags: [{ key: 't', value: 'x' }], time: 2 }, 1],
      ['run.log (an older point does not replace the latest)', { type: 'run.log', runId: 'r1', metrics: points('loss', 4, 9, 7), params: [], tags: [], time: 2 }, 1],
      ['rename by tag', { type: 'run.log', runId: 'r2', metrics: null, params: [], tags: [{ key: 'mlflow.runName', value: 'renamed' }], time: 3 }, 1],
      ['run.deleteTag', { type: 'run.deleteTag', runId: 'r1', key: 't', time: 4 }, 1],
      ['run.update', { type: 'run.update', runId: 'r2', status: 'FINISHED', endTime: 99, name: 'again', time: 5 }, 1],
      ['run.delete', { type: 'run.delete', runId: 'r3', time: 6 }, 1],
      ['run.restore', { type: 'run.restore', runId: 'r3', time: 7 }, 1],
      ['run.move', { type: 'run.move', runs: [{ runId: 'r1', from: '0' }, { runId: 'r2', from: '0' }], experimentId: '1', time: 8 }, 2],
      ['run.logInputs', { type: 'run.logInputs', runId: 'r1', time: 9, models: [{ modelId: 'm', inputId: 'mi' }], datasets: [{ name: 'd', digest: 'g', sourceType: 's', source: '{}', tags: [{ key: 'mlflow.data.context', value: 'train' }], datasetId: 'ds', inputId: 'di' }] }, 1],
      ['run.logOutputs', { type: 'run.logOutputs', runId: 'r1', time: 9, models: [{ modelId: 'm', step: 2 }] }, 1],
      ['experiment.delete', { type: 'experiment.delete', id: '1', time: 10 }, 2],
      ['experiment.restore', { type: 'experiment.restore', id: '1', time: 11 }, 2],
      ['import.startRun', { type: 'import.startRun', source, runId: 'r4', experimentId: '1', name: 'imp', userId: 'u', startTime: null, artifactUri: 'a/r4', time: 12 }, 1],
      ['import.finishRun', { type: 'import.finishRun', source: 'src', runId: 'r4', time: 13 }, 0],
      ['remote.add', { type: 'remote.add', remote: { name: 'up', url: 'http://x', authKind: 'none', username: '', secretEnv: '' }, time: 14 }, 0],
      ['pull.startRun', { type: 'pull.startRun', remote: 'up', runId: 'r5', experimentId: '0', name: 'pulled', userId: 'u', startTime: 3, artifactUri: 'a/r5', remoteArtifactRoot: '', time: 15 }, 1],
      ['pull.finishRun', { type: 'pull.finishRun', remote: 'up', runId: 'r5', fingerprint: 'f', time: 16 }, 0],
      ['experiment.rename', { type: 'experiment.rename', id: '1', name: 'uno', time: 17 }, 0],
      ['model.create', { type: 'model.create', modelId: 'm', experimentId: '0', name: 'm', modelType: '', sourceRunId: 'r1', artifactUri: 'x', params: [], tags: [], time: 18 }, 0],
      ['registry.createModel', { type: 'registry.createModel', name: 'reg', description: '', tags: [], time: 19 }, 0],
    ];
    for (const [label, op, touched] of steps) {
      const before = model.stats.reread;
      await store.commit(op);
      expectModelMatchesSql(store, model);
      expect(model.stats.reread - before, label).toBe(touched);
    }
    expect(model.stats.builds).toBe(1);
    await store.close();
  });

  it('follows ops committed while it is built in steps, and rebuilds after an op it cannot follow', async () => {
    const t = await openTestStore(tempDir());
    const { store } = t;
    const pending: (() => void)[] = [];
    const model = new RunsReadModel(store.db, { syncBuildMaxRuns: 6, stepRuns: 2, stepBudgetMs: 0, schedule: (step) => pending.push(step) });
    store.onCommit((op) => model.onOp(op));
    await store.commit({ type: 'experiment.create', id: '1', name: 'one', artifactLocation: 'x', tags: [], time: 1 });
    for (let i = 0; i < 8; i++) await store.commit({ type: 'run.create', runId: `r${i}`, experimentId: i % 2 ? '1' : '0', name: `n${i}`, userId: 'u', startTime: i, artifactUri: 'a', tags: [], time: 1 });
    expect(model.ready()).toBe(false); // the build started, in steps
    pending.shift()!();
    pending.shift()!(); // r0..r3 loaded
    await store.commit({ type: 'run.update', runId: 'r1', status: 'FAILED', time: 2 }); // loaded already
    await store.commit({ type: 'run.update', runId: 'r6', status: 'KILLED', time: 2 }); // not loaded yet
    await store.commit({ type: 'run.create', runId: 'r8', experimentId: '0', name: 'late', userId: 'u', startTime: 9, artifactUri: 'a', tags: [], time: 3 });
    await store.commit({ type: 'experiment.delete', id: '1', time: 4 }); // its runs: loaded and not
    expect(model.ready()).toBe(false);
    while (pending.length) pending.shift()!();
    expectModelMatchesSql(store, model);
    expect(model.get('r1')!.status).toBe('FAILED');
    expect(model.get('r8')!.name).toBe('late');
    expect(['r1', 'r3', 'r5'].map((id) => model.get(id)!.lifecycle)).toEqual(['deleted', 'deleted', 'deleted']);

    model.touch({ kind: 'all' });
    expect(model.state).toBe('empty');
    expect(model.ready()).toBe(false); // a new build, in steps again
    while (pending.length) pending.shift()!();
    expectModelMatchesSql(store, model);
    await store.close();
  });
});

describe('the runs read model after many ops', () => {
  it('reads many touched runs again in steps, the searches answering from SQL meanwhile', async () => {
    const t = await openTestStore(tempDir());
    const { store } = t;
    const pending: (() => void)[] = [];
    const model = new RunsReadModel(store.db, { syncBuildMaxRuns: 100, stepRuns: 2, maxSyncReread: 3, stepBudgetMs: 0, schedule: (step) => pending.push(step) });
    store.onCommit((op) => model.onOp(op));
    for (let i = 0; i < 10; i++) await store.commit({ type: 'run.create', runId: `r${i}`, experimentId: '0', name: `n${i}`, userId: 'u', startTime: i, artifactUri: 'a', tags: [], time: 1 });
    expect(model.ready()).toBe(true); // small: loaded at once
    for (let i = 0; i < 6; i++) await store.commit({ type: 'run.update', runId: `r${i}`, status: 'FINISHED', time: 2 });
    expect(model.ready()).toBe(false);
    let caughtUp = false;
    void model.caughtUp().then(() => (caughtUp = true));
    let steps = 0;
    while (pending.length) {
      pending.shift()!();
      steps++;
    }
    expect(steps).toBe(2); // 6 touched runs, 2 a step, until no more than 3 are left
    await Promise.resolve();
    expect(caughtUp).toBe(true);
    expect(model.ready()).toBe(true); // the last 2 read again by the search that asks
    expectModelMatchesSql(store, model);
    await store.commit({ type: 'run.update', runId: 'r9', status: 'KILLED', time: 3 });
    expect(model.ready()).toBe(true); // a few: read again at once
    expect(model.get('r9')!.status).toBe('KILLED');
    expect(model.stats.builds).toBe(1);
    await store.close();
  });
});

describe('the runs read model during a bulk load', () => {
  it('reads touched runs again in the background once they pass the limit, before any search asks', async () => {
    const t = await openTestStore(tempDir());
    const { store } = t;
    const pending: (() => void)[] = [];
    const model = new RunsReadModel(store.db, { syncBuildMaxRuns: 100, stepRuns: 2, maxSyncReread: 3, stepBudgetMs: 0, schedule: (step) => pending.push(step) });
    store.onCommit((op) => model.onOp(op));
    expect(model.ready()).toBe(true);
    for (let i = 0; i < 3; i++) await store.commit({ type: 'run.create', runId: `r${i}`, experimentId: '0', name: `n${i}`, userId: 'u', startTime: i, artifactUri: 'a', tags: [], time: 1 });
    expect(pending).toHaveLength(0); // a few: left for the next search
    for (let i = 3; i < 9; i++) await store.commit({ type: 'run.create', runId: `r${i}`, experimentId: '0', name: `n${i}`, userId: 'u', startTime: i, artifactUri: 'a', tags: [], time: 1 });
    expect(pending.length).toBeGreaterThan(0); // started without a search
    const waiting = model.caughtUp();
    let caughtUp = false;
    void waiting.then(() => (caughtUp = true));
    await Promise.resolve();
    expect(caughtUp).toBe(false); // a search waits for the steps
    while (pending.length) pending.shift()!();
    await waiting;
    expect(model.ready()).toBe(true);
    expect(model.stats.sqlAnswers).toBe(0);
    expect(model.size).toBe(9);
    expect(model.stats.builds).toBe(1);
    expectModelMatchesSql(store, model);
    await store.close();
  });
});

describe('runsTouchedBy', () => {
  it('names the runs of run ops, the experiment of an experiment delete or restore, and nothing for bookkeeping ops', () => {
    expect(runsTouchedBy({ type: 'run.move', runs: [{ runId: 'a', from: '0' }, { runId: 'b', from: '0' }], experimentId: '1', time: 0 })).toEqual({ kind: 'runs', runIds: ['a', 'b'] });
    expect(runsTouchedBy({ type: 'run.deleteTag', runId: 'a', key: 'k', time: 0 })).toEqual({ kind: 'runs', runIds: ['a'] });
    expect(runsTouchedBy({ type: 'experiment.restore', id: '4', time: 0 })).toEqual({ kind: 'experiment', experimentId: '4' });
    expect(runsTouchedBy({ type: 'bundle.imported', bundleId: 'b', sourceStore: 's', createdTime: 0, since: null, file: 'f', time: 0 })).toEqual({ kind: 'none' });
    expect(runsTouchedBy({ type: 'import.finish', source, summary: '', time: 0 })).toEqual({ kind: 'none' });
    expect(runsTouchedBy({ type: 'future.op' } as unknown as Op)).toEqual({ kind: 'all' });
  });
});

describe('the stepped build of the runs read model', () => {
  it('loads queries of stepRuns runs until a step has used its time, then leaves the loop to others', async () => {
    const t = await openTestStore(tempDir());
    const { store } = t;
    const pending: (() => void)[] = [];
    let clock = 0;
    // each reading of the clock is 1 ms later: a step of 4 ms runs 4 queries of 2 runs
    const model = new RunsReadModel(store.db, { syncBuildMaxRuns: 5, stepRuns: 2, stepBudgetMs: 4, now: () => clock++, schedule: (step) => pending.push(step) });
    store.onCommit((op) => model.onOp(op));
    for (let i = 0; i < 20; i++) await store.commit({ type: 'run.create', runId: `r${String(i).padStart(2, '0')}`, experimentId: '0', name: `n${i}`, userId: 'u', startTime: i, artifactUri: 'a', tags: [], time: 1 });
    expect(model.shouldWait()).toBe(true); // starts the build
    expect(model.state).toBe('building');
    pending.shift()!();
    expect(model.size).toBe(8); // 4 queries of 2 runs
    let settled = false;
    void model.caughtUp().then(() => (settled = true));
    while (pending.length) pending.shift()!();
    await Promise.resolve();
    expect(settled).toBe(true); // a search waiting for the build goes on once it is built
    expect(model.stats.buildSteps).toBe(3); // 10 queries with runs and a last empty one, 4 per step
    expect(model.shouldWait()).toBe(false);
    expectModelMatchesSql(store, model);
    await store.close();
  });

  it('stops making searches wait once a stepped build has failed', async () => {
    const t = await openTestStore(tempDir());
    const { store } = t;
    const pending: (() => void)[] = [];
    const logs: string[] = [];
    const model = new RunsReadModel(store.db, { syncBuildMaxRuns: 1, stepRuns: 1, stepBudgetMs: 0, schedule: (step) => pending.push(step), log: (m) => logs.push(m) });
    for (let i = 0; i < 3; i++) await store.commit({ type: 'run.create', runId: `r${i}`, experimentId: '0', name: `n${i}`, userId: 'u', startTime: i, artifactUri: 'a', tags: [], time: 1 });
    expect(model.shouldWait()).toBe(true);
    const waiting = model.caughtUp();
    const column = store.db.column.bind(store.db);
    store.db.column = (() => {
      throw new Error('disk gone');
    }) as typeof store.db.column;
    pending.shift()!();
    store.db.column = column;
    await waiting; // the waiting search is let go
    expect(logs.some((m) => m.includes('build failed'))).toBe(true);
    expect(model.shouldWait()).toBe(false); // a new build starts, but searches answer from SQL meanwhile
    expect(model.state).toBe('building');
    while (pending.length) pending.shift()!();
    expect(model.shouldWait()).toBe(false);
    expectModelMatchesSql(store, model);
    await store.close();
  });

  it('stops a stepped build quietly when the store closes under it', async () => {
    const t = await openTestStore(tempDir());
    const { store } = t;
    const pending: (() => void)[] = [];
    const logs: string[] = [];
    const model = new RunsReadModel(store.db, { syncBuildMaxRuns: 1, stepRuns: 1, stepBudgetMs: 0, schedule: (step) => pending.push(step), log: (m) => logs.push(m) });
    for (let i = 0; i < 3; i++) await store.commit({ type: 'run.create', runId: `r${i}`, experimentId: '0', name: `n${i}`, userId: 'u', startTime: i, artifactUri: 'a', tags: [], time: 1 });
    expect(model.shouldWait()).toBe(true);
    pending.shift()!();
    await store.close();
    while (pending.length) pending.shift()!();
    expect(logs.filter((m) => m.includes('failed'))).toEqual([]);
    expect(model.state).toBe('building');
  });
});
