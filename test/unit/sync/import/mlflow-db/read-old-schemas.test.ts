import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMlflowDb } from '../../../../../electron/sync/import/mlflow-db/open-mlflow-db';
import type { ImportSource, SourcePoint, SourceRun } from '../../../../../electron/sync/import/import-source';
import { useTempDirs } from '../../../../support/temp-dir';
import { writeOldSchemaDb } from './old-schema';

const RUN_A = 'a'.repeat(32);
const RUN_B = 'b'.repeat(32);
const MAX = 1.7976931348623157e308;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function history(src: ImportSource, run: SourceRun, key: string): Promise<SourcePoint[]> {
  return (await collect(src.history(run, key))).flat();
}

describe('openMlflowDb on old schemas', () => {
  const tempDir = useTempDirs();

  it('reads an MLflow 1.0 database: no is_nan, no experiment tags, no times, run names only in the mlflow.runName tag', async () => {
    const dir = tempDir();
    const path = await writeOldSchemaDb(join(dir, 'mlflow.db'), '1.0', {
      experiments: [[0, 'Default', `${dir}/mlruns/0`, 'active'], [1, 'old', `${dir}/mlruns/1`, 'deleted']],
      runs: [
        [RUN_A, '', 'LOCAL', 'train.py', '', 'ada', 'FINISHED', 1000, 2000, '', 'active', `${dir}/mlruns/0/${RUN_A}/artifacts`, 0],
        [RUN_B, '', 'LOCAL', 'train.py', '', 'bob', 'KILLED', 3000, null, '', 'deleted', `${dir}/mlruns/1/${RUN_B}/artifacts`, 1],
      ],
      tags: [['mlflow.runName', 'first', RUN_A], ['mlflow.parentRunId', RUN_B, RUN_A]],
      params: [['lr', '0.1', RUN_A], ['depth', '3', RUN_A]],
      metrics: [['loss', 0.5, 20, RUN_A, 1], ['loss', 0.9, 10, RUN_A, 0], ['loss', MAX, 30, RUN_A, 2], ['acc', -MAX, 5, RUN_B, 0]],
    });
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    const src = await openMlflowDb(path);
    try {
      const experiments = await collect(src.experiments());
      expect(experiments).toEqual([
        { id: '0', name: 'Default', artifactLocation: `${dir}/mlruns/0`, lifecycle: 'active', creationTime: null, lastUpdateTime: null, tags: [] },
        { id: '1', name: 'old', artifactLocation: `${dir}/mlruns/1`, lifecycle: 'deleted', creationTime: null, lastUpdateTime: null, tags: [] },
      ]);
      const [a] = await collect(src.runs('0'));
      expect(a).toEqual({
        runId: RUN_A, experimentId: '0', name: 'first', userId: 'ada', status: 'FINISHED', startTime: 1000, endTime: 2000, lifecycle: 'active',
        artifactUri: `${dir}/mlruns/0/${RUN_A}/artifacts`,
        params: [{ key: 'depth', value: '3' }, { key: 'lr', value: '0.1' }],
        tags: [{ key: 'mlflow.parentRunId', value: RUN_B }, { key: 'mlflow.runName', value: 'first' }],
        metricKeys: ['loss'], datasets: [], modelInputs: [], modelOutputs: [],
      });
      expect(await history(src, a!, 'loss')).toEqual([
        { timestamp: 10, step: 0, value: 0.9 }, { timestamp: 20, step: 1, value: 0.5 }, { timestamp: 30, step: 2, value: MAX },
      ]);
      const [b] = await collect(src.runs('1'));
      expect(b).toMatchObject({ runId: RUN_B, name: '', status: 'KILLED', endTime: null, lifecycle: 'deleted', metricKeys: ['acc'] });
      expect(await history(src, b!, 'acc')).toEqual([{ timestamp: 5, step: 0, value: -MAX }]);
      expect(await collect(src.loggedModels('0'))).toEqual([]);
      expect(await collect(src.registeredModels())).toEqual([]);
    } finally {
      await src.close();
    }
    // The run_uuid indexes this schema lacks were made in sql.js's copy only.
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });

  it('reads an MLflow 1.x database with is_nan, experiment tags and a registry without aliases; deleted versions are left out', async () => {
    const dir = tempDir();
    const path = await writeOldSchemaDb(join(dir, 'mlflow.db'), '1.20', {
      experiments: [[0, 'Default', `${dir}/mlruns/0`, 'active']],
      experiment_tags: [['team', 'vision', 0]],
      runs: [[RUN_A, 'named', 'LOCAL', '', '', 'ada', 'RUNNING', 1000, null, '', 'active', `${dir}/mlruns/0/${RUN_A}/artifacts`, 0, null]],
      tags: [['mlflow.runName', 'named', RUN_A]],
      metrics: [['m', 0, 1, RUN_A, 0, 1], ['m', 2, 2, RUN_A, 1, 0]],
      latest_metrics: [['m', 2, 2, 1, 0, RUN_A]],
      registered_models: [['clf', 100, 200, 'a model']],
      registered_model_tags: [['k', 'v', 'clf']],
      model_versions: [
        ['clf', 1, 110, 120, 'v1', 'ada', 'Production', `${dir}/mlruns/0/${RUN_A}/artifacts/model`, RUN_A, 'READY', null, ''],
        ['clf', 2, 130, 140, '', 'ada', 'Deleted_Internal', 'REDACTED-SOURCE-PATH', 'REDACTED-RUN-ID', 'READY', null, 'REDACTED-RUN-LINK'],
      ],
      model_version_tags: [['checked', 'yes', 'clf', 1]],
    });
    const src = await openMlflowDb(path);
    try {
      expect((await collect(src.experiments()))[0]!.tags).toEqual([{ key: 'team', value: 'vision' }]);
      const [run] = await collect(src.runs('0'));
      expect(run).toMatchObject({ name: 'named', status: 'RUNNING', endTime: null, metricKeys: ['m'] });
      expect(await history(src, run!, 'm')).toEqual([{ timestamp: 1, step: 0, value: NaN }, { timestamp: 2, step: 1, value: 2 }]);
      expect(await collect(src.registeredModels())).toEqual([{
        name: 'clf', description: 'a model', creationTime: 100, lastUpdatedTime: 200, tags: [{ key: 'k', value: 'v' }], aliases: [],
        versions: [{
          version: 1, source: `${dir}/mlruns/0/${RUN_A}/artifacts/model`, runId: RUN_A, modelId: '', status: 'READY', stage: 'Production',
          description: 'v1', userId: 'ada', runLink: '', creationTime: 110, lastUpdatedTime: 120, lifecycle: 'active', tags: [{ key: 'checked', value: 'yes' }],
        }],
      }]);
    } finally {
      await src.close();
    }
  });

  it('reads an MLflow 0.9 database (no alembic_version, no step: every point at step 0)', async () => {
    const dir = tempDir();
    const path = await writeOldSchemaDb(join(dir, 'mlflow.db'), '0.9', {
      experiments: [[0, 'Default', `${dir}/mlruns/0`, 'active']],
      runs: [[RUN_A, 'r', 'LOCAL', '', '', 'ada', 'FINISHED', 1, 2, '', 'active', `${dir}/mlruns/0/${RUN_A}/artifacts`, 0]],
      metrics: [['loss', 0.5, 20, RUN_A], ['loss', 0.25, 30, RUN_A]],
    });
    const src = await openMlflowDb(path);
    try {
      const [run] = await collect(src.runs('0'));
      expect(await history(src, run!, 'loss')).toEqual([{ timestamp: 20, step: 0, value: 0.5 }, { timestamp: 30, step: 0, value: 0.25 }]);
    } finally {
      await src.close();
    }
  });

  it("yields a run's artifact files, and its folder as missing when the artifact root is not there at all", async () => {
    const dir = tempDir();
    const path = await writeOldSchemaDb(join(dir, 'mlflow.db'), '1.0', {
      experiments: [[0, 'Default', `${dir}/mlruns/0`, 'active'], [1, 'moved', '/nowhere/mlruns/1', 'active']],
      runs: [
        [RUN_A, 'a', 'LOCAL', '', '', 'u', 'FINISHED', 1, 2, '', 'active', `${dir}/arts/0/${RUN_A}/artifacts`, 0],
        [RUN_B, 'b', 'LOCAL', '', '', 'u', 'FINISHED', 3, 4, '', 'active', `/nowhere/mlruns/1/${RUN_B}/artifacts`, 1],
      ],
    });
    mkdirSync(join(dir, 'arts', '0', RUN_A, 'artifacts', 'plots'), { recursive: true });
    writeFileSync(join(dir, 'arts', '0', RUN_A, 'artifacts', 'plots', 'roc.png'), Buffer.alloc(300, 7));
    const src = await openMlflowDb(path);
    try {
      const [a] = await collect(src.runs('0'));
      expect((await collect(src.artifacts(a!))).map((f) => ('path' in f ? [f.path, f.size] : f))).toEqual([['plots/roc.png', 300]]);
      const [b] = await collect(src.runs('1'));
      expect(await collect(src.artifacts(b!))).toEqual([{ missing: `/nowhere/mlruns/1/${RUN_B}/artifacts`, reason: expect.stringContaining('is there (--artifacts DIR: where they are now)') as unknown }]);
    } finally {
      await src.close();
    }
  });
});
