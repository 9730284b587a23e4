import { describe, expect, it } from 'vitest';
import { transferResult } from '../../../../../electron/ipc/handlers/transfer-report';
import type { JobInfo } from '../../../../../electron/jobs/job-types';
import { emptyCounts, type ImportDetails } from '../../../../../electron/sync/import/import-report';

const details = (over: Partial<ImportDetails> = {}): ImportDetails => ({
  source: 'mlflow.db at /d/mlflow.db', kind: 'mlflow-db', dryRun: false, counts: { ...emptyCounts(), runsNew: 3 }, experiments: [], experimentIds: [], models: [], clashes: [], missing: [], cancelled: false, ...over,
});
const job = (over: Partial<JobInfo>): JobInfo => ({ id: 'j', kind: 'import', state: 'succeeded', startedAt: 0, progress: { itemsDone: 0, bytesDone: 0 }, ...over });

describe('transfer results', () => {
  it('keep a cancelled import apart from one that stopped at a damaged item', () => {
    const cancelled = transferResult(job({ state: 'cancelled', outcome: { summary: 'cancelled after importing 3 runs', problems: [{ item: 'import', message: 'cancelled; import again to finish' }], details: details({ cancelled: true }) } }));
    expect(cancelled).toMatchObject({ kind: 'import', report: { cancelled: true, problems: [], counts: { runsNew: 3 } } });
    const damaged = transferResult(job({ state: 'failed', outcome: { summary: 'imported 3 runs; 1 problem', problems: [{ item: "run 'r' (abc)", message: 'metric file damaged; the import stopped before it' }], details: details() } }));
    expect(damaged).toMatchObject({ kind: 'import', report: { cancelled: false, problems: [{ item: "run 'r' (abc)" }] } });
  });

  it('is null for a running job, another kind, and a job that failed before reporting', () => {
    expect(transferResult(job({ state: 'running', outcome: { summary: '', problems: [], details: details() } }))).toBeNull();
    expect(transferResult(job({ kind: 'push', outcome: { summary: '', problems: [], details: details() } }))).toBeNull();
    expect(transferResult(job({ state: 'failed', outcome: { summary: 'import refused: nothing was written (not an MLflow store)', problems: [{ item: '/x', message: 'not an MLflow store' }] } }))).toBeNull();
    expect(transferResult(undefined)).toBeNull();
  });
});
