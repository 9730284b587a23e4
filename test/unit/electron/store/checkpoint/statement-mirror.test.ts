import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database as SqlJsDatabase } from 'sql.js';
import { applyOp } from '../../../../../electron/store/apply/apply-op';
import type { ApplyContext } from '../../../../../electron/store/apply/apply-context';
import { StatementBatcher } from '../../../../../electron/store/checkpoint/statement-batcher';
import { MirrorDivergedError, StatementMirror } from '../../../../../electron/store/checkpoint/statement-mirror';
import type { StatementBatch } from '../../../../../electron/store/checkpoint/mirror-protocol';
import { Database, loadSqlJs } from '../../../../../electron/store/database';
import type { Op } from '../../../../../electron/store/ops/op-types';
import { SeriesFiles } from '../../../../../electron/store/series-files';
import { SeriesIndex } from '../../../../../electron/store/series-index';
import { prng } from '../../../../support/prng';
import { useTempDirs } from '../../../../support/temp-dir';
import { schema, tableContents } from './table-contents';

const tempDir = useTempDirs();

/** Ops of every common kind, some of them invalid (they throw inside their transaction, after writes). */
function randomOps(random: () => number, n: number): Op[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const runs: string[] = [];
  const ops: Op[] = [{ type: 'experiment.create', id: '0', name: 'Default', artifactLocation: 'mlflow-artifacts:/0', tags: [], time: 1 }];
  for (let i = 0; i < n; i++) {
    const time = 1000 + i;
    const roll = random();
    if (roll < 0.15 || runs.length === 0) {
      const runId = `r${i}`.padEnd(32, '0');
      runs.push(runId);
      ops.push({ type: 'run.create', runId, experimentId: '0', name: `run ${i}`, userId: 'u', startTime: time, artifactUri: `mlflow-artifacts:/0/${runId}`, tags: [{ key: 'mlflow.user', value: 'u' }], time });
    } else if (roll < 0.7) {
      const keys = ['loss', 'acc', 'lr'].slice(0, 1 + Math.floor(random() * 3));
      const count = 1 + Math.floor(random() * 5);
      const pts = new Float64Array(count * 3);
      for (let j = 0; j < count; j++) pts.set([time + j, Math.floor(random() * 10), random() < 0.1 ? Number.NaN : random()], j * 3);
      ops.push({
        type: 'run.log', runId: pick(runs), time,
        metrics: { keys, keyIdx: Array.from({ length: count }, (_, j) => j % keys.length), pts },
        // the same param key with another value is refused after the earlier params were written: a rollback
        params: random() < 0.5 ? [{ key: `p${Math.floor(random() * 4)}`, value: `v${Math.floor(random() * 2)}` }] : [],
        tags: random() < 0.5 ? [{ key: random() < 0.2 ? 'mlflow.runName' : `t${Math.floor(random() * 3)}`, value: `x${i}` }] : [],
      });
    } else if (roll < 0.8) {
      ops.push({ type: 'run.deleteTag', runId: pick(runs), key: `t${Math.floor(random() * 3)}`, time });
    } else if (roll < 0.9) {
      ops.push({ type: random() < 0.5 ? 'run.delete' : 'run.restore', runId: pick(runs), time });
    } else {
      ops.push({ type: 'experiment.create', id: String(1 + Math.floor(random() * 3)), name: `e${Math.floor(random() * 3)}`, artifactLocation: 'x', tags: [], time });
    }
  }
  return ops;
}

async function mirrored(maxStatements: number) {
  const SQL = await loadSqlJs();
  const mirrorDb: SqlJsDatabase = new SQL.Database();
  const mirror = new StatementMirror(mirrorDb);
  const batches: StatementBatch[] = [];
  const batcher = new StatementBatcher((b) => {
    batches.push(b);
    mirror.apply(b);
  }, maxStatements);
  const db = await Database.open(null, undefined, batcher);
  await new Promise((r) => setImmediate(r)); // the schema's batch
  return { db, mirrorDb, mirror, batcher, batches };
}

describe('the statement mirror', () => {
  it.each([3, 16_384])('ends with the same schema and rows as the database it mirrors, failed ops included (batches of at most %i)', async (max) => {
    const { db, mirrorDb, batcher, batches } = await mirrored(max);
    const series = new SeriesIndex(db);
    const ctx: ApplyContext = { db, series, files: new SeriesFiles(join(tempDir(), 'series')) };
    let refused = 0;
    const random = prng(7);
    const tag = "INSERT INTO experiment_tags (experiment_id, key, value) VALUES ('0', ?, 'v')";
    for (const op of randomOps(random, 600)) {
      try {
        if (random() < 0.05) db.run(tag, ['once']); // throws from the second time on, outside a transaction
        if (random() < 0.05) db.transaction(() => [1, 2].forEach(() => db.run(tag, ['twice']))); // the second throws: rolled back
        applyOp(ctx, op);
      } catch {
        refused++;
      }
    }
    series.persist();
    batcher.flush();
    ctx.files.close();
    const main = (db as unknown as { db: SqlJsDatabase }).db;
    expect(refused).toBeGreaterThan(0); // the run covered rolled-back transactions
    expect(batches.some((b) => b.failedAt.length > 0)).toBe(true); // and statements that threw
    expect(schema(mirrorDb)).toEqual(schema(main));
    expect(tableContents(mirrorDb)).toEqual(tableContents(main));
    expect(tableContents(main)['runs']!.length).toBeGreaterThan(10);
  });

  it('sends each statement text once and each tick at most one batch', async () => {
    const { db, batches } = await mirrored(16_384);
    batches.length = 0;
    for (let i = 0; i < 100; i++) db.run('INSERT INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)', ['0', `k${i}`, 'v']);
    expect(batches).toHaveLength(0);
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.texts).toHaveLength(1);
    expect(batches[0]!.sqlIds).toHaveLength(100);
    expect(batches[0]!.args).toHaveLength(300);
  });

  it('stops with MirrorDivergedError when a statement fails on one side only', async () => {
    const SQL = await loadSqlJs();
    const mirror = new StatementMirror(new SQL.Database());
    mirror.apply({ type: 'statements', texts: ['CREATE TABLE t (a INTEGER PRIMARY KEY)', 'INSERT INTO t (a) VALUES (?)'], sqlIds: [0, 1, 1], argCounts: [-1, 1, 1], args: [1, 1], failedAt: [2] });
    expect(() => mirror.apply({ type: 'statements', texts: [], sqlIds: [1], argCounts: [1], args: [1], failedAt: [] })).toThrow(MirrorDivergedError);
    expect(() => mirror.apply({ type: 'statements', texts: [], sqlIds: [1], argCounts: [1], args: [2], failedAt: [0] })).toThrow(MirrorDivergedError);
  });
});

describe('the statement batcher', () => {
  it('keeps a blob parameter as it was when the statement ran, whatever the caller does with its buffer later', async () => {
    const batches: StatementBatch[] = [];
    const batcher = new StatementBatcher((b) => batches.push(b));
    const blob = new Uint8Array([1, 2, 3]);
    const params = ['k', blob];
    batcher.record('INSERT INTO t (k, v) VALUES (?, ?)', params);
    blob[0] = 9;
    params[0] = 'changed';
    batcher.flush();
    expect(batches[0]!.args).toEqual(['k', new Uint8Array([1, 2, 3])]);
  });
});
