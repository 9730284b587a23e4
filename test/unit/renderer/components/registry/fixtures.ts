import type { ModelVersion, Stage } from '../../../../../shared/domain/registry';

/** MLmodel as mlflow 3.11 writes it for `mlflow.sklearn.save_model(..., signature=infer_signature(df, y, params=…))`. */
export const SKLEARN_COLUMNS_MLMODEL = `flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.11.7
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: 1.9.1
    skops_trusted_types: null
is_signature_from_type_hint: false
mlflow_version: 3.11.1
model_id: m-0f3a8c2d9e7b4a1c
model_size_bytes: 1063
model_uuid: 5da77d20146941d6bd59f82c8c69e2f7
prompts: null
run_id: 6c1f0e2b8a9d4f57b3e1a2c4d5e6f708
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  serving_input_path: serving_input_example.json
  type: dataframe
signature:
  inputs: '[{"type": "double", "name": "age", "required": true}, {"type": "long",
    "name": "visits", "required": true}, {"type": "string", "name": "plan", "required": false}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
  params: '[{"name": "threshold", "default": 0.5, "shape": null, "type": "double"}]'
type_hint_from_example: false
utc_time_created: '2026-11-26 10:23:51.600462'
`;

/** The same flavors with a tensor signature (numpy input), and no params. */
export const SKLEARN_TENSOR_MLMODEL = `flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.11.7
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: 1.9.1
mlflow_version: 3.11.1
model_id: null
signature:
  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 3]}}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1,
    2]}}]'
  params: null
utc_time_created: '2026-11-26 10:23:55.266792'
`;

export function makeVersion(version: string, stage: Stage = 'None', extra: Partial<ModelVersion> = {}): ModelVersion {
  return {
    name: 'churn',
    version,
    creation_timestamp: 1_700_000_000_000 + Number(version),
    last_updated_timestamp: 1_700_000_000_000 + Number(version),
    current_stage: stage,
    source: `models:/m-${version}`,
    run_id: `run${version}`,
    status: 'READY',
    ...extra,
  };
}
