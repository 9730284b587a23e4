import { describe, expect, it } from 'vitest';
import { exampleTable, inputExampleInfo } from '../../../../../renderer/components/logged-models/input-example';

describe('input example', () => {
  it('finds where the MLmodel keeps its input example', () => {
    const mlmodel = 'flavors: {}\nsaved_input_example_info:\n  artifact_path: input_example.json\n  type: dataframe\n  pandas_orient: split\n';
    expect(inputExampleInfo(mlmodel)).toEqual({ path: 'input_example.json', type: 'dataframe' });
    expect(inputExampleInfo('flavors: {}\n')).toBeNull();
    expect(inputExampleInfo('saved_input_example_info: [oops')).toBeNull();
    expect(inputExampleInfo(null)).toBeNull();
  });

  it('tabulates a split frame, records, and a 2-D array named by the signature when the widths agree', () => {
    expect(exampleTable({ columns: ['age', 'city'], data: [[30, 'Oslo'], [41, 'Lima']] })).toEqual({ columns: ['age', 'city'], rows: [['30', 'Oslo'], ['41', 'Lima']] });
    expect(exampleTable({ dataframe_split: { columns: ['a'], data: [[1]] } })).toEqual({ columns: ['a'], rows: [['1']] });
    expect(exampleTable([{ a: 1, b: 'x' }, { a: 2 }])).toEqual({ columns: ['a', 'b'], rows: [['1', 'x'], ['2', '']] });
    expect(exampleTable([[0.5, 1], [2, 3]], ['f0', 'f1'])).toEqual({ columns: ['f0', 'f1'], rows: [['0.5', '1'], ['2', '3']] });
    expect(exampleTable({ inputs: [[1, 2, 3]] }, ['only-one'])).toEqual({ columns: ['[0]', '[1]', '[2]'], rows: [['1', '2', '3']] });
  });

  it('leaves anything else to be shown as JSON', () => {
    expect(exampleTable({ prompt: 'hi' })).toBeNull();
    expect(exampleTable([1, 2, 3])).toBeNull();
    expect(exampleTable('text')).toBeNull();
    expect(exampleTable([])).toBeNull();
  });
});
