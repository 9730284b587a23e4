import { describe, expect, it } from 'vitest';
import type { Run } from '../../../shared/domain/tracking';
import { emptyModelLinks, missingModelLinks, noteModelLinks } from '../../../electron/sync/pull-model-links';
import { withModelsPart } from '../../../electron/sync/pull-models-step';

const run = (id: string, inputs: string[], outputs: { model_id: string; step: number }[]): Run =>
  ({ info: { run_id: id }, data: {}, inputs: { model_inputs: inputs.map((model_id) => ({ model_id })) }, outputs: { model_outputs: outputs } }) as unknown as Run;

describe('model links of pulled runs', () => {
  it('notes the inputs and outputs of each run and answers only the ones the store lacks', () => {
    const links = emptyModelLinks();
    noteModelLinks(links, [run('r1', ['m-a', 'm-a'], [{ model_id: 'm-b', step: 3 }]), run('r2', [], []), run('r3', [], [{ model_id: 'm-c', step: 0 }])]);
    expect([...links.inputs.keys()]).toEqual(['r1']);
    const missing = missingModelLinks(links, () => false, (runId, modelId) => runId === 'r3' && modelId === 'm-c');
    expect(missing).toEqual([{ runId: 'r1', inputs: ['m-a'], outputs: [{ modelId: 'm-b', step: 3 }] }]);
    expect(missingModelLinks(links, () => true, () => true)).toEqual([]);
  });

  it('takes a run without inputs or outputs as having none', () => {
    const links = emptyModelLinks();
    noteModelLinks(links, [{ info: { run_id: 'r' }, data: {} } as unknown as Run]);
    expect(missingModelLinks(links, () => false, () => false)).toEqual([]);
  });
});

describe('withModelsPart', () => {
  it('puts the models part before the duration, and leaves the line alone without one', () => {
    expect(withModelsPart('pulled 2 runs from team (...), 5 points, 0 artifacts in 1.2 s; 1 problem', '1 registered model')).toBe('pulled 2 runs from team (...), 5 points, 0 artifacts, 1 registered model in 1.2 s; 1 problem');
    expect(withModelsPart('pulled 2 runs in 10.0 s', 'x')).toBe('pulled 2 runs, x in 10.0 s');
    expect(withModelsPart('odd line', 'x')).toBe('odd line, x');
    expect(withModelsPart('pulled 0 runs in 0.1 s', '')).toBe('pulled 0 runs in 0.1 s');
  });
});
