import { describe, expect, it } from 'vitest';
import { parseVersionMlmodel, readVersionMlmodel } from '../../../../../renderer/components/registry/version-mlmodel';
import { SKLEARN_COLUMNS_MLMODEL, SKLEARN_TENSOR_MLMODEL } from './fixtures';

describe('parseVersionMlmodel', () => {
  it('reads both flavors of an sklearn model, with nested settings flattened and nulls left out', () => {
    const { flavors } = parseVersionMlmodel(SKLEARN_COLUMNS_MLMODEL);
    expect(flavors.map((f) => f.name)).toEqual(['python_function', 'sklearn']);
    const pyfunc = flavors[0]!;
    expect(pyfunc.loaderModule).toBe('mlflow.sklearn');
    expect(pyfunc.entries).toContainEqual({ key: 'env.conda', value: 'conda.yaml' });
    expect(pyfunc.entries).toContainEqual({ key: 'python_version', value: '3.11.7' });
    const sklearn = flavors[1]!;
    expect(sklearn.loaderModule).toBeNull();
    expect(sklearn.entries.map((e) => e.key)).toEqual(['pickled_model', 'serialization_format', 'sklearn_version']);
  });

  it('turns the JSON strings of a column signature into schema rows', () => {
    const { signature } = parseVersionMlmodel(SKLEARN_COLUMNS_MLMODEL);
    expect(signature?.inputs).toEqual([
      { name: 'age', type: 'double', required: true },
      { name: 'visits', type: 'long', required: true },
      { name: 'plan', type: 'string', required: false },
    ]);
    expect(signature?.outputs).toEqual([{ name: '[0]', type: 'tensor int64 (-1)', required: null }]);
    expect(signature?.params).toEqual([{ name: 'threshold', type: 'double', required: null, default: '0.5' }]);
  });

  it('reads a tensor signature, including a JSON string the YAML folded over two lines', () => {
    const { signature } = parseVersionMlmodel(SKLEARN_TENSOR_MLMODEL);
    expect(signature?.inputs).toEqual([{ name: '[0]', type: 'tensor float32 (-1, 3)', required: null }]);
    expect(signature?.outputs).toEqual([{ name: '[0]', type: 'tensor float32 (-1, 2)', required: null }]);
    expect(signature?.params).toBeNull();
  });

  it('keeps the facts that are set and drops null ones', () => {
    expect(parseVersionMlmodel(SKLEARN_COLUMNS_MLMODEL).facts).toEqual([
      { key: 'model_id', value: 'm-0f3a8c2d9e7b4a1c' },
      { key: 'run_id', value: '6c1f0e2b8a9d4f57b3e1a2c4d5e6f708' },
      { key: 'mlflow_version', value: '3.11.1' },
      { key: 'utc_time_created', value: '2026-11-26 10:23:51.600462' },
      { key: 'model_size_bytes', value: '1063' },
      { key: 'model_uuid', value: '5da77d20146941d6bd59f82c8c69e2f7' },
    ]);
    expect(parseVersionMlmodel(SKLEARN_TENSOR_MLMODEL).facts.map((f) => f.key)).not.toContain('model_id');
  });

  it('has no signature when the model was logged without one', () => {
    expect(parseVersionMlmodel('flavors:\n  python_function: {loader_module: mlflow.sklearn}\n').signature).toBeNull();
  });

  it('refuses text that is not a YAML mapping', () => {
    expect(() => parseVersionMlmodel('- just\n- a list\n')).toThrow('not a YAML mapping');
  });
});

describe('readVersionMlmodel', () => {
  it('is null without a file, an error for broken YAML, and the info otherwise', () => {
    expect(readVersionMlmodel(null)).toBeNull();
    const broken = readVersionMlmodel('flavors: [unclosed');
    expect(broken?.ok).toBe(false);
    const good = readVersionMlmodel(SKLEARN_TENSOR_MLMODEL);
    expect(good?.ok && good.info.flavors.length).toBe(2);
  });
});
