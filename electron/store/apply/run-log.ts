import { invalidParam } from '../../../shared/domain/mlflow-error';
import type { KeyValue } from '../../../shared/domain/tracking';
import type { Database } from '../database';
import type { OpOf } from '../ops/op-types';
import { findLatest, writeLatest } from '../repos/metrics-repo';
import { requireLoggedModel } from '../repos/logged-models-repo';
import { requireActiveRun } from '../repos/runs-repo';
import { compareLatest, type SeriesMeta } from '../series-meta';
import type { ApplyContext } from './apply-context';

/** Setting the `mlflow.runName` tag renames the run, as in MLflow. */
export function upsertRunTag(db: Database, runId: string, tag: KeyValue): void {
  db.run('INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)', [runId, tag.key, tag.value]);
  if (tag.key === 'mlflow.runName') db.run('UPDATE runs SET name = ? WHERE run_id = ?', [tag.value, runId]);
}

/** log-metric, log-param, set-tag and log-batch: all or nothing (stricter than MLflow). */
export function logToRun(ctx: ApplyContext, op: OpOf<'run.log'>): void {
  const { db } = ctx;
  requireActiveRun(db, op.runId);
  for (const p of op.params) logParam(db, op.runId, p);
  for (const t of op.tags) upsertRunTag(db, op.runId, t);
  for (const ref of op.modelMetrics ?? []) requireLoggedModel(db, ref.modelId); // before any point is written
  if (op.metrics) logMetrics(ctx, op);
  db.run('UPDATE runs SET last_update_time = ? WHERE run_id = ?', [op.time, op.runId]);
}

function logParam(db: Database, runId: string, p: KeyValue): void {
  const existing = db.get<{ value: string }>('SELECT value FROM params WHERE run_id = ? AND key = ?', [runId, p.key]);
  if (!existing) {
    db.run('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)', [runId, p.key, p.value]);
  } else if (existing.value !== p.value) {
    throw invalidParam(
      `Changing param values is not allowed. Param with key='${p.key}' was already logged with value='${existing.value}' ` +
        `for run ID='${runId}'. Attempted logging new value '${p.value}'.`,
    );
  }
}

function logMetrics(ctx: ApplyContext, op: OpOf<'run.log'>): void {
  const { db, series, files } = ctx;
  const { keys, keyIdx, pts } = op.metrics!;
  const metas: (SeriesMeta | undefined)[] = new Array(keys.length);
  // each key's latest point of the batch (t, s, v) as numbers, not an object per improvement:
  // a log-batch of 1,000 rising steps made 1,000 short-lived objects here
  const best = new Float64Array(keys.length * 3);
  const hasBest = new Uint8Array(keys.length);
  for (let i = 0; i < keyIdx.length; i++) {
    const k = keyIdx[i]!;
    const t = pts[i * 3]!, s = pts[i * 3 + 1]!, v = pts[i * 3 + 2]!;
    const meta = (metas[k] ??= series.obtain(op.runId, keys[k]!));
    if (files.contains(meta, t, s, v)) continue; // exact duplicate: MLflow stores it once
    files.append(meta, t, s, v);
    if (!hasBest[k] || compareLatest(t, s, v, best[k * 3]!, best[k * 3 + 1]!, best[k * 3 + 2]!) > 0) {
      hasBest[k] = 1;
      best[k * 3] = t;
      best[k * 3 + 1] = s;
      best[k * 3 + 2] = v;
    }
  }
  for (let k = 0; k < keys.length; k++) {
    if (!hasBest[k]) continue;
    const t = best[k * 3]!, s = best[k * 3 + 1]!, v = best[k * 3 + 2]!;
    series.save(metas[k]!); // the row is current in the op's own transaction
    const cur = findLatest(db, op.runId, keys[k]!);
    if (!cur || compareLatest(t, s, v, cur.t, cur.s, cur.v) > 0) writeLatest(db, op.runId, keys[k]!, t, s, v);
  }
  for (const ref of op.modelMetrics ?? []) {
    const v = pts[ref.i * 3 + 2]!;
    const nan = Number.isNaN(v);
    db.run(
      `INSERT OR REPLACE INTO logged_model_metrics (model_id, key, value, is_nan, timestamp, step, run_id, dataset_name, dataset_digest)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [ref.modelId, keys[keyIdx[ref.i]!]!, nan ? null : v, nan ? 1 : 0, pts[ref.i * 3]!, pts[ref.i * 3 + 1]!, op.runId, ref.datasetName, ref.datasetDigest],
    );
  }
}
