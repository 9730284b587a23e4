/**
 * Tracking entities, in the exact JSON shape MLflow's REST API uses (snake_case, int64 as
 * numbers, optional fields omitted). The REST server returns them as they are and the UI
 * reads the same shapes, so there is one vocabulary end to end.
 */
export interface KeyValue {
  key: string;
  value: string;
}

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: 'active' | 'deleted';
  creation_time: number;
  last_update_time: number;
  tags?: KeyValue[];
}

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export interface RunInfo {
  run_id: string;
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: RunStatus;
  start_time?: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: 'active' | 'deleted';
}

/** A metric value; JSON cannot carry NaN/Infinity, so the wire layer writes them as MLflow does. */
export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  run_id?: string;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
}

export interface Dataset {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInput {
  tags?: KeyValue[];
  dataset: Dataset;
}

export interface Run {
  info: RunInfo;
  data: { metrics?: Metric[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs: { dataset_inputs?: DatasetInput[]; model_inputs?: { model_id: string }[] };
  outputs: { model_outputs?: { model_id: string; step: number }[] };
}

export type LoggedModelStatus = 'LOGGED_MODEL_STATUS_UNSPECIFIED' | 'LOGGED_MODEL_PENDING' | 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED';
export const LOGGED_MODEL_STATUSES: readonly LoggedModelStatus[] = ['LOGGED_MODEL_STATUS_UNSPECIFIED', 'LOGGED_MODEL_PENDING', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED'];

export interface LoggedModel {
  info: {
    model_id: string;
    experiment_id: string;
    name: string;
    creation_timestamp_ms: number;
    last_updated_timestamp_ms: number;
    artifact_uri: string;
    status: LoggedModelStatus;
    model_type?: string;
    source_run_id?: string;
    status_message?: string;
    tags?: KeyValue[];
  };
  data: { params?: KeyValue[]; metrics?: Metric[] };
}

export interface FileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}
