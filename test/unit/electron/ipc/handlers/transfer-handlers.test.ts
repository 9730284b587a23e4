import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/ipc/dispatch';
import { JobsFeed } from '../../../../../electron/ipc/jobs-feed';
import { transferHandlers } from '../../../../../electron/ipc/handlers/transfer-handlers';
import { JobRunner } from '../../../../../electron/jobs/job-runner';
import type { JobHandlers, JobOutcome } from '../../../../../electron/jobs/job-types';
import { emptyCounts, type ImportDetails } from '../../../../../electron/sync/import/import-report';
import type { Handlers } from '../../../../../electron/ipc/dispatch';
import type { EventMessage } from '../../../../../shared/ipc/contract';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

/** Resolves once the job has ended. */
function ended(jobs: JobRunner, id: string): Promise<void> {
  let off = () => {};
  return new Promise<void>((resolve) => {
    off = jobs.subscribe((e) => {
      if (e.type === 'finished' && e.job.id === id) resolve();
    });
    if (jobs.get(id)?.state !== 'running') resolve();
  }).finally(() => off());
}
const idOf = (r: unknown) => (r as { value: { id: string } }).value.id;
const ipc = { transport: 'ipc' as const };

const missing = { item: "run 'a1' (abc)", path: 'model/model.pkl', reason: 'no such file' };
/** What the importer reports (import-report.ts): a missing file is also one of its problems. */
function importOutcome(): JobOutcome {
  const counts = { ...emptyCounts(), experiments: 1, runsNew: 2, points: 40, artifacts: 1, bytes: 9 };
  const details: ImportDetails = {
    source: 'mlruns at /d/mlruns', kind: 'mlruns', dryRun: false, counts,
    experiments: [{ sourceId: '7', name: 'mnist', localId: '3', localName: 'mnist', action: 'new', renumbered: true, runs: 2 }],
    experimentIds: ['3'], models: ['clf'], clashes: [], missing: [missing], cancelled: false,
  };
  const problems = [
    { item: missing.item, message: `artifact '${missing.path}' is missing in the source (${missing.reason})` },
    { item: "registered model 'clf'", message: "alias 'prod' points at version 3, which did not come in" },
  ];
  return { summary: 'imported 2 runs', problems, details };
}
const exportDetails = { file: '/x.sxb', bundleId: 'b1', since: null, encrypted: true, fileBytes: 10, lazyFilesLeftOut: 2, experiments: 1, runs: 2, loggedModels: 0, registeredModels: 0, points: 5, artifacts: 1, bytes: 3 };

/** Import and export handlers that record their args and report like the engines. */
function setup(handlers?: JobHandlers) {
  const seen: { kind: string; args: unknown }[] = [];
  const events: EventMessage[] = [];
  const jobs = new JobRunner({
    handlers: handlers ?? {
      import: async (args) => (seen.push({ kind: 'import', args }), importOutcome()),
      export: async (args) => (seen.push({ kind: 'export', args }), { summary: 'wrote bundle', problems: [], details: exportDetails }),
    },
    log: () => {},
  });
  const feed = new JobsFeed(jobs, (m) => events.push(m), 10);
  const h = transferHandlers({ jobs, feed });
  // every method the test calls goes through dispatch, so the contract's validation is tested too
  const call = (method: keyof typeof h, input: unknown) => dispatch(h as unknown as Handlers, method, input, ipc, () => {});
  return { h, jobs, feed, events, seen, call };
}

describe('transfer handlers: import', () => {
  it('starts a dry run and a real import with the clash choice, and gives the report of the ended job', async () => {
    const dir = tempDir();
    const { jobs, seen, call } = setup();
    const started = await call('transfer.import', { source: dir, dryRun: true });
    expect(started).toMatchObject({ ok: true, value: { kind: 'import', title: expect.stringMatching(/^Preview import of /) } });
    await ended(jobs, idOf(started));
    const real = await call('transfer.import', { source: dir, dryRun: false, clash: 'rename', passphrase: 'correct horse' });
    const realId = idOf(real);
    await ended(jobs, realId);
    expect(seen).toEqual([
      { kind: 'import', args: { source: dir, dryRun: true } },
      { kind: 'import', args: { source: dir, dryRun: false, clash: 'rename', passphrase: 'correct horse' } },
    ]);
    const result = await call('transfer.result', { id: realId });
    expect(result).toMatchObject({
      ok: true,
      value: {
        kind: 'import',
        report: {
          sourceKind: 'mlruns', sourceLabel: 'mlruns at /d/mlruns', counts: { experiments: 1, runsNew: 2, points: 40, artifacts: 1, bytes: 9 },
          experiments: [{ name: 'mnist', localId: '3', action: 'new', runs: 2 }], experimentIds: ['3'], models: ['clf'],
          missing: [missing], missingCount: 1,
          // the missing file is listed once, as missing; the other problem stays a problem
          problems: [{ item: "registered model 'clf'", message: "alias 'prod' points at version 3, which did not come in" }],
        },
      },
    });
    expect(await call('transfer.result', { id: 'no-such-job' })).toEqual({ ok: true, value: null });
  });

  it('never shows a passphrase in a job view or event', async () => {
    const dir = tempDir();
    const { jobs, feed, events, call } = setup();
    await ended(jobs, idOf(await call('transfer.import', { source: dir, dryRun: true, passphrase: 'hunter2-secret' })));
    expect(JSON.stringify(feed.list())).not.toContain('hunter2-secret');
    expect(JSON.stringify(events)).not.toContain('hunter2-secret');
  });

  it('refuses a relative path, a path with nothing there and a missing artifacts folder, before any job starts', async () => {
    const dir = tempDir();
    const { seen, call } = setup();
    expect(await call('transfer.import', { source: 'mlruns', dryRun: true })).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/source: a full path/) } });
    expect(await call('transfer.import', { source: join(dir, 'nope'), dryRun: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Nothing is at .*nope/) } });
    expect(await call('transfer.import', { source: dir, dryRun: true, artifactsDir: join(dir, 'gone') })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/artifacts folder .* does not exist/) } });
    expect(await call('transfer.import', { source: dir, dryRun: true, passphrase: 'x'.repeat(2000) })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(seen).toEqual([]);
  });

  it('says so when this process runs no import jobs', async () => {
    const { call } = setup({});
    expect(await call('transfer.import', { source: tempDir(), dryRun: true })).toMatchObject({ ok: false, error: { message: 'Import is not available in this version of Sextant.' } });
  });
});

describe('transfer handlers: export', () => {
  it('starts an export to a new file, titled by what it holds', async () => {
    const dir = tempDir();
    const { jobs, seen, call } = setup();
    const out = join(dir, 'b.sxb');
    const r = await call('transfer.export', { out, experiments: ['mnist', 'cifar'], models: ['clf'], passphrase: 'long enough' });
    expect(r).toMatchObject({ ok: true, value: { kind: 'export', title: 'Export mnist, cifar + model clf to b.sxb' } });
    await ended(jobs, idOf(r));
    expect(await call('transfer.result', { id: idOf(r) })).toMatchObject({ ok: true, value: { kind: 'export', report: { out: '/x.sxb', bytes: 10, experiments: 1, runs: 2, metricPoints: 5, incremental: false, encrypted: true, lazyFilesLeftOut: 2 } } });
    expect(seen).toEqual([{ kind: 'export', args: { out, experiments: ['mnist', 'cifar'], models: ['clf'], passphrase: 'long enough' } }]);
    expect(JSON.stringify((r as { value: unknown }).value)).not.toContain('long enough');
  });

  it('never overwrites a file, and refuses a missing folder, a missing earlier bundle and an empty selection', async () => {
    const dir = tempDir();
    const { seen, call } = setup();
    const taken = join(dir, 'taken.sxb');
    await writeFile(taken, 'precious');
    expect(await call('transfer.export', { out: taken, experiments: ['mnist'], models: [] })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already exists; Sextant does not overwrite files/) } });
    await mkdir(join(dir, 'folder'));
    expect(await call('transfer.export', { out: join(dir, 'folder'), experiments: ['mnist'], models: [] })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already exists/) } });
    expect(await call('transfer.export', { out: join(dir, 'no', 'b.sxb'), experiments: ['mnist'], models: [] })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/folder .* does not exist/) } });
    expect(await call('transfer.export', { out: join(dir, 'b.sxb'), experiments: ['mnist'], models: [], since: join(dir, 'a.sxb') })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/earlier bundle .* is not there/) } });
    expect(await call('transfer.export', { out: join(dir, 'b.sxb'), experiments: [], models: [] })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/choose at least one experiment or registered model/) } });
    expect(seen).toEqual([]);
  });
});

describe('transfer handlers: the picker', () => {
  it('is refused outside the desktop app (browser mode types paths)', async () => {
    const { call } = setup();
    expect(await call('app.pickPath', { purpose: 'bundle' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no file picker in browser mode/) } });
    expect(await call('app.pickPath', { purpose: '/etc' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
