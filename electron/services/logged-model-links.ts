import type { ModelVersion } from '../../shared/domain/registry';
import type { RunRef } from '../../shared/ipc/contract-types';
import { chunks } from '../store/repos/chunks';
import { DELETED_STAGE, toModelVersion, type VersionRow } from '../store/registry/registry-repo';
import type { ServiceContext } from './service-context';

const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');

interface RunRefRow {
  run_id: string;
  name: string;
  experiment_id: string;
  lifecycle_stage: string;
}

const toRef = (r: RunRefRow): RunRef => ({ runId: r.run_id, name: r.name, experimentId: r.experiment_id, deleted: r.lifecycle_stage === 'deleted' });

/** The runs with these ids that exist (deleted ones included, marked), by id. */
export function runRefs(ctx: ServiceContext, runIds: readonly string[]): Record<string, RunRef> {
  const out: Record<string, RunRef> = {};
  for (const ids of chunks([...new Set(runIds)], 500)) {
    for (const r of ctx.store.db.all<RunRefRow>(`SELECT run_id, name, experiment_id, lifecycle_stage FROM runs WHERE run_id IN (${inList(ids.length)})`, ids)) out[r.run_id] = toRef(r);
  }
  return out;
}

/** The runs that took a logged model as an input (`inputs.model_inputs`: an evaluation, a metric logged for it), oldest first. */
export function runsUsingModel(ctx: ServiceContext, modelId: string): RunRef[] {
  return ctx.store.db
    .all<RunRefRow>(
      `SELECT r.run_id, r.name, r.experiment_id, r.lifecycle_stage FROM inputs i JOIN runs r ON r.run_id = i.run_id
        WHERE i.source_type = 'MODEL' AND i.source_id = ? ORDER BY r.start_time, i.rowid`,
      [modelId],
    )
    .map(toRef);
}

/** The live registered versions made from each of these logged models (their `model_id`), newest first; every id is a key. */
export function versionsFromModels(ctx: ServiceContext, modelIds: readonly string[]): Record<string, ModelVersion[]> {
  const out: Record<string, ModelVersion[]> = Object.fromEntries(modelIds.map((id) => [id, []]));
  for (const ids of chunks([...new Set(modelIds)], 500)) {
    const rows = ctx.store.db.all<VersionRow>(
      `SELECT * FROM model_versions WHERE model_id IN (${inList(ids.length)}) AND current_stage != ? ORDER BY creation_time DESC, name, version DESC`,
      [...ids, DELETED_STAGE],
    );
    for (const r of rows) out[r.model_id]!.push(toModelVersion(ctx.store.db, r));
  }
  return out;
}
