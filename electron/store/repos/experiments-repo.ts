import { invalidParam, notFound } from '../../../shared/domain/mlflow-error';
import type { Experiment, KeyValue } from '../../../shared/domain/tracking';
import type { Database } from '../database';

export interface ExperimentRow {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: 'active' | 'deleted';
  creation_time: number;
  last_update_time: number;
}

export function findExperiment(db: Database, id: string): ExperimentRow | undefined {
  return db.get<ExperimentRow>('SELECT * FROM experiments WHERE experiment_id = ?', [id]);
}

export function findExperimentByName(db: Database, name: string): ExperimentRow | undefined {
  return db.get<ExperimentRow>('SELECT * FROM experiments WHERE name = ?', [name]);
}

export function requireExperiment(db: Database, id: string): ExperimentRow {
  const row = findExperiment(db, id);
  if (!row) throw notFound(`No Experiment with id=${id} exists`);
  return row;
}

export function requireActiveExperiment(db: Database, id: string): ExperimentRow {
  const row = requireExperiment(db, id);
  if (row.lifecycle_stage !== 'active') {
    throw invalidParam(`The experiment ${id} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`);
  }
  return row;
}

export function experimentTags(db: Database, id: string): KeyValue[] {
  return db.all<KeyValue>('SELECT key, value FROM experiment_tags WHERE experiment_id = ? ORDER BY key', [id]);
}

/** The next numeric experiment id ("0" is the default experiment). */
export function nextExperimentId(db: Database): string {
  const max = db.get<{ m: number | null }>('SELECT MAX(CAST(experiment_id AS INTEGER)) AS m FROM experiments');
  return String((max?.m ?? -1) + 1);
}

export function toExperiment(db: Database, row: ExperimentRow): Experiment {
  const tags = experimentTags(db, row.experiment_id);
  return {
    experiment_id: row.experiment_id,
    name: row.name,
    artifact_location: row.artifact_location,
    lifecycle_stage: row.lifecycle_stage,
    creation_time: row.creation_time,
    last_update_time: row.last_update_time,
    ...(tags.length ? { tags } : {}),
  };
}
