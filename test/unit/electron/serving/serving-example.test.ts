import { describe, expect, it } from 'vitest';
import { exampleFromSignature, servingExample, wrapExample } from '../../../../electron/serving/serving-example';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { seedLoggedModel } from './serving-fixtures';

const tempDir = useTempDirs();
const SIGNATURE = `signature:\n  inputs: '[{"type": "double", "name": "a", "required": true}, {"type": "long", "name": "n", "required": true}, {"type": "string", "name": "s", "required": true}]'\n  outputs: '[{"type": "long", "required": true}]'\n`;
const EXAMPLE_INFO = 'saved_input_example_info:\n  artifact_path: input_example.json\n  type: dataframe\n  pandas_orient: split\n  serving_input_path: serving_input_example.json\n';

async function exampleOf(files: Record<string, string>) {
  const t = await openTestStore(tempDir());
  const { modelRoot } = await seedLoggedModel(t, files);
  const answer = await servingExample(t.svc, modelRoot);
  await t.store.close();
  return { ...answer, parsed: JSON.parse(answer.body) as unknown };
}

describe('servingExample', () => {
  it("prefers the model's serving input example, as MLflow 3 saves it", async () => {
    const serving = { dataframe_split: { columns: ['a', 'n', 's'], data: [[1.5, 2, 'x']] } };
    const e = await exampleOf({ MLmodel: `flavors: {}\n${EXAMPLE_INFO}${SIGNATURE}`, 'serving_input_example.json': JSON.stringify(serving), 'input_example.json': '{"columns": ["z"], "data": [[0]]}' });
    expect(e).toMatchObject({ contentType: 'application/json', source: 'input_example', parsed: serving });
    expect(e.body).toBe(JSON.stringify(serving, null, 2));
  });

  it('wraps an input_example.json as the scoring server takes it', async () => {
    const e = await exampleOf({ MLmodel: `flavors: {}\n${EXAMPLE_INFO}`, 'input_example.json': '{"columns": ["a"], "data": [[1.5]]}' });
    expect(e).toMatchObject({ source: 'input_example', parsed: { dataframe_split: { columns: ['a'], data: [[1.5]] } } });
    expect(wrapExample([{ a: 1 }], { type: 'dataframe', pandas_orient: 'records' })).toEqual({ dataframe_records: [{ a: 1 }] });
    expect(wrapExample([[1, 2]], { type: 'ndarray' })).toEqual({ inputs: [[1, 2]] });
    expect(wrapExample({ inputs: [1] }, null)).toEqual({ inputs: [1] });
  });

  it('builds one row from the signature when there is no example, else an empty frame', async () => {
    expect(await exampleOf({ MLmodel: `flavors: {}\n${SIGNATURE}` })).toMatchObject({ source: 'signature', parsed: { dataframe_split: { columns: ['a', 'n', 's'], data: [[0, 0, '']] } } });
    expect(await exampleOf({ MLmodel: 'flavors: {}\n' })).toMatchObject({ source: 'none', parsed: { dataframe_split: { columns: [], data: [] } } });
    expect(exampleFromSignature('[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 3]}}]')).toEqual({ inputs: [[0, 0, 0]] });
    expect(exampleFromSignature('[{"type": "tensor", "name": "x", "tensor-spec": {"dtype": "int64", "shape": [2]}}, {"type": "tensor", "name": "y", "tensor-spec": {"dtype": "bool", "shape": [1]}}]')).toEqual({ inputs: { x: [0, 0], y: [false] } });
    expect(exampleFromSignature('[{"type": "double"}, {"type": "boolean"}]')).toEqual({ inputs: [[0, false]] });
    expect(exampleFromSignature('not json')).toBeNull();
  });
});
