import { describe, expect, it } from 'vitest';
import { decodeOp, encodeOp } from '../../../../electron/store/ops/op-codec';
import type { Op } from '../../../../electron/store/ops/op-types';

describe('op codec', () => {
  it('round-trips metric points exactly, NaN and infinities included', () => {
    const op: Op = {
      type: 'run.log', runId: 'r', time: 5, params: [{ key: 'p', value: 'ü' }], tags: [],
      metrics: { keys: ['a', 'b'], keyIdx: [1, 0, 1], pts: new Float64Array([1, 0, Number.NaN, 2, 1, Infinity, 3, -7, -Infinity]) },
      modelMetrics: [{ i: 2, modelId: 'm-1', datasetName: 'd', datasetDigest: 'x' }],
    };
    const back = decodeOp(encodeOp(op));
    expect(back).toEqual(op);
    expect(Object.is((back as typeof op).metrics!.pts[2], Number.NaN)).toBe(true);
  });

  it('round-trips ops without points', () => {
    const op: Op = { type: 'experiment.create', id: '3', name: 'e "q"', artifactLocation: 'mlflow-artifacts:/3', tags: [], time: 1 };
    expect(decodeOp(encodeOp(op))).toEqual(op);
  });
});
