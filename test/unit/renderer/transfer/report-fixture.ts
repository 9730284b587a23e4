import type { ImportCounts, ImportReportView } from '../../../../shared/ipc/transfer-types';

export const ZERO: ImportCounts = { experiments: 0, runsNew: 0, runsUpdated: 0, runsUnchanged: 0, params: 0, tags: 0, points: 0, inputs: 0, artifacts: 0, bytes: 0, loggedModels: 0, registeredModels: 0, versions: 0 };

/** A dry run's report of an mlruns folder with two experiments, one of whose names is taken here. */
export const report = (over: Partial<ImportReportView> = {}): ImportReportView => ({
  dryRun: true,
  cancelled: false,
  sourceKind: 'mlruns',
  sourceLabel: 'mlruns at /data/mlruns',
  counts: { ...ZERO, experiments: 1, runsNew: 12, points: 4000, artifacts: 3, bytes: 2048, registeredModels: 1, versions: 2 },
  experiments: [
    { name: 'mnist', localId: '4', localName: 'mnist', action: 'new', runs: 10 },
    { name: 'baseline', localId: '1', localName: 'baseline', action: 'merged', runs: 2 },
  ],
  experimentIds: ['4', '1'],
  clashes: [{ kind: 'experiment', name: 'baseline', resolution: 'merged', localName: 'baseline' }],
  missing: [{ item: "run 'a1' (abc)", path: 'model/model.pkl', reason: 'no such file' }],
  missingCount: 1,
  models: ['clf'],
  problems: [],
  ...over,
});
