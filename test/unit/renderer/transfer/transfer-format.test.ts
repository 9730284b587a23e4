import { describe, expect, it } from 'vitest';
import { countPhrases, experimentFate, exportLine, sourceLine } from '../../../../renderer/components/transfer/transfer-format';
import { report, ZERO as zero } from './report-fixture';


describe('transfer wording', () => {
  it('names what comes in, leaving out what does not', () => {
    expect(countPhrases(zero)).toEqual([]);
    expect(countPhrases({ ...zero, experiments: 1, runsNew: 1200, runsUpdated: 1, runsUnchanged: 7, points: 1, artifacts: 2, bytes: 3 * 1024 * 1024, registeredModels: 1, versions: 2 })).toEqual([
      '1 new experiment', '1,200 new runs', '1 run already here with new data', '1 metric point', '2 artifact files (3.0 MiB)', '1 registered model', '2 model versions',
    ]);
  });

  it('says which kind of source the engine recognised', () => {
    const r = report({ sourceKind: 'mlflow-db', sourceLabel: 'mlflow.db at /d/mlflow.db' });
    expect(sourceLine(r)).toBe('MLflow SQLite database: mlflow.db at /d/mlflow.db');
    expect(sourceLine({ ...r, sourceKind: null })).toBe('mlflow.db at /d/mlflow.db');
  });

  it('says what an export wrote where', () => {
    const none = { experiments: 0, runs: 0, metricPoints: 0, artifacts: 0, loggedModels: 0, registeredModels: 0 };
    expect(exportLine({ ...none, out: '/usb/b.sxb', bytes: 2048, experiments: 2, runs: 1, metricPoints: 300, incremental: true, encrypted: true, lazyFilesLeftOut: 0 })).toBe('Wrote 2 experiments, 1 run, 300 metric points to the incremental encrypted bundle /usb/b.sxb (2.0 KiB).');
    expect(exportLine({ ...none, out: '/b.sxb', bytes: 0, incremental: false, encrypted: false, lazyFilesLeftOut: 0 })).toBe('Wrote nothing new to the bundle /b.sxb.');
  });

  it('says where each experiment goes', () => {
    const [mnist, baseline] = report().experiments;
    expect(experimentFate(mnist!, undefined)).toBe('new');
    expect(experimentFate(baseline!, undefined)).toBe('already here: adds what is new');
    expect(experimentFate(baseline!, { kind: 'experiment', name: 'baseline', resolution: 'merged', localName: 'baseline' })).toBe('into the existing “baseline”');
    expect(experimentFate({ ...baseline!, action: 'new', localName: 'baseline (imported)' }, { kind: 'experiment', name: 'baseline', resolution: 'renamed', localName: 'baseline (imported)' })).toBe('new, as “baseline (imported)”');
    expect(experimentFate({ ...baseline!, action: 'skipped' }, { kind: 'experiment', name: 'baseline', resolution: 'skipped' })).toBe('skipped: name taken');
  });
});
