import { describe, expect, it } from 'vitest';
import { parseMlModel } from '../../../../../renderer/components/artifacts/mlmodel';

// As mlflow 3.11 writes it for mlflow.sklearn.save_model(..., signature=infer_signature(X, y), input_example=...).
const SKLEARN_MLMODEL = `flavors:
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
model_id: null
model_size_bytes: 1452
model_uuid: cfe63b34ac18492782432c3f48c29941
prompts: null
run_id: 5f0c6c1f0e8b4a0c9d2b7e1a3c4d5e6f
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  serving_input_path: serving_input_example.json
  type: dataframe
signature:
  inputs: '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type":
    "double", "name": "sepal width (cm)", "required": true}, {"type": "string", "name":
    "species", "required": false}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
  params: '[{"name": "temperature", "type": "float", "default": 0.5, "shape": null}]'
type_hint_from_example: false
utc_time_created: '2026-11-26 10:09:04.487358'
`;

describe('parseMlModel', () => {
  const view = parseMlModel(SKLEARN_MLMODEL, { runId: 'abc123', path: 'model/MLmodel' });

  it('lists each flavor with its settings, nested ones as dotted keys', () => {
    expect(view.flavors.map((f) => f.name)).toEqual(['python_function', 'sklearn']);
    expect(view.flavors[0]?.entries).toContainEqual({ key: 'env.conda', value: 'conda.yaml' });
    expect(view.flavors[0]?.entries).toContainEqual({ key: 'loader_module', value: 'mlflow.sklearn' });
    expect(view.flavors[1]?.entries).toContainEqual({ key: 'sklearn_version', value: '1.9.1' });
    expect(view.flavors[1]?.entries).toContainEqual({ key: 'code', value: 'null' });
  });

  it('turns the signature into schema rows', () => {
    expect(view.signature?.inputs).toEqual([
      { name: 'sepal length (cm)', type: 'double', required: true },
      { name: 'sepal width (cm)', type: 'double', required: true },
      { name: 'species', type: 'string', required: false },
    ]);
    expect(view.signature?.outputs).toEqual([{ name: '[0]', type: 'tensor int64 (-1)', required: null }]);
    expect(view.signature?.params).toEqual([{ name: 'temperature', type: 'float', required: null, default: '0.5' }]);
  });

  it('keeps the facts that are set and names the input example', () => {
    const facts = Object.fromEntries(view.facts.map((f) => [f.key, f.value]));
    expect(facts).toMatchObject({ mlflow_version: '3.11.1', model_size_bytes: '1452', input_example: 'input_example.json' });
    expect(facts).not.toHaveProperty('model_id');
  });

  it('writes a load snippet for this run and folder, with the native flavor as an alternative', () => {
    expect(view.modelUri).toBe('runs:/abc123/model');
    expect(view.loadSnippet).toContain('mlflow.pyfunc.load_model("runs:/abc123/model")');
    expect(view.loadSnippet).toContain('mlflow.sklearn.load_model("runs:/abc123/model")');
  });

  it('uses the bare run URI for an MLmodel at the artifact root', () => {
    expect(parseMlModel('flavors: {}', { runId: 'r', path: 'MLmodel' }).modelUri).toBe('runs:/r');
    // a logged model's files: loaded by the model's own URI, whatever folder the file is in
    const logged = parseMlModel(SKLEARN_MLMODEL, { runId: 'm-1', path: 'MLmodel', modelUri: 'models:/m-1' });
    expect(logged.loadSnippet).toContain('mlflow.sklearn.load_model("models:/m-1")');
  });

  it('never turns a hostile flavor name into code', () => {
    const evil = parseMlModel('flavors:\n  "os; import os":\n    x: 1\n', { runId: 'r', path: 'm/MLmodel' });
    expect(evil.loadSnippet).not.toContain('import os');
    expect(evil.flavors[0]?.name).toBe('os; import os');
  });

  it('quotes the URI as a string literal', () => {
    const v = parseMlModel('flavors: {}', { runId: 'r', path: 'we"ird/MLmodel' });
    expect(v.loadSnippet).toContain('load_model("runs:/r/we\\"ird")');
  });

  it('shows no signature when there is none, and rejects text that is not a mapping', () => {
    expect(parseMlModel('flavors: {}', { runId: 'r', path: 'MLmodel' }).signature).toBeNull();
    expect(() => parseMlModel('- just\n- a list', { runId: 'r', path: 'MLmodel' })).toThrow(/mapping/);
    expect(() => parseMlModel('flavors: [unclosed', { runId: 'r', path: 'MLmodel' })).toThrow();
  });
});
