import { describe, expect, it } from 'vitest';
import type { Run } from '../../../../shared/domain/tracking';
import { runFingerprint } from '../../../../electron/sync/pull-fingerprint';

const run = (over: Partial<Run['info']> = {}, tags = [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]): Run => ({
  info: { run_id: 'r', run_uuid: 'r', run_name: 'n', experiment_id: '1', user_id: 'u', status: 'FINISHED', start_time: 1, end_time: 2, artifact_uri: 'mlflow-artifacts:/1/r/artifacts', lifecycle_stage: 'active', ...over },
  data: { tags, params: [{ key: 'p', value: 'x' }], metrics: [{ key: 'loss', value: NaN, timestamp: 5, step: 3 }] },
  inputs: {},
  outputs: {},
});

describe('runFingerprint', () => {
  it('is the same for the same search entry, whatever the order of its lists', () => {
    expect(runFingerprint(run({}, [{ key: 'b', value: '2' }, { key: 'a', value: '1' }]))).toBe(runFingerprint(run()));
  });

  it('changes with status, end time, a tag or a metric', () => {
    const base = runFingerprint(run());
    expect(runFingerprint(run({ status: 'FAILED' }))).not.toBe(base);
    expect(runFingerprint(run({ end_time: 3 }))).not.toBe(base);
    expect(runFingerprint(run({}, [{ key: 'a', value: '1' }]))).not.toBe(base);
    const r = run();
    r.data.metrics = [{ key: 'loss', value: 0.1, timestamp: 6, step: 4 }];
    expect(runFingerprint(r)).not.toBe(base);
  });
});
