import { describe, expect, it } from 'vitest';
import { countPhrases, exportLine, sourceLine } from '../../../../renderer/components/transfer/transfer-format';

const zero = { experiments: 0, runs: 0, metricPoints: 0, artifacts: 0, artifactBytes: 0, loggedModels: 0, registeredModels: 0, modelVersions: 0 };

describe('transfer wording', () => {
  it('names what comes in, leaving out what does not', () => {
    expect(countPhrases(zero)).toEqual([]);
    expect(countPhrases({ ...zero, experiments: 1, runs: 1200, metricPoints: 1, artifacts: 2, artifactBytes: 3 * 1024 * 1024, registeredModels: 1, modelVersions: 2 })).toEqual([
      '1 experiment', '1,200 runs', '1 metric point', '2 artifact files (3.0 MiB)', '1 registered model', '2 model versions',
    ]);
  });

  it('says which kind of source the engine recognised', () => {
    const r = { dryRun: true, sourceKind: 'mlflow-db' as const, sourceLabel: 'mlflow.db at /d/mlflow.db', counts: zero, experiments: [], clashes: [], missing: [], missingCount: 0, models: [] };
    expect(sourceLine(r)).toBe('MLflow SQLite database: mlflow.db at /d/mlflow.db');
    expect(sourceLine({ ...r, sourceKind: null })).toBe('mlflow.db at /d/mlflow.db');
  });

  it('says what an export wrote where', () => {
    expect(exportLine({ out: '/usb/b.sxb', bytes: 2048, experiments: 2, runs: 1, registeredModels: 0, incremental: true, encrypted: true })).toBe('Wrote 2 experiments, 1 run to the incremental encrypted bundle /usb/b.sxb (2.0 KiB).');
    expect(exportLine({ out: '/b.sxb', bytes: 0, experiments: 0, runs: 0, registeredModels: 0, incremental: false, encrypted: false })).toBe('Wrote nothing new to the bundle /b.sxb.');
  });
});
