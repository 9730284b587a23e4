import { describe, expect, it } from 'vitest';
import { JobsFeed } from '../../../../../electron/ipc/jobs-feed';
import type { KeptSecrets } from '../../../../../electron/ipc/kept-secrets';
import { syncHandlers } from '../../../../../electron/ipc/handlers/sync-handlers';
import { JobRunner } from '../../../../../electron/jobs/job-runner';
import { logToRun } from '../../../../../electron/services/logging-service';
import { createRun, getRun } from '../../../../../electron/services/runs-service';
import { syncJobHandlers } from '../../../../../electron/sync/sync-jobs';
import type { EventMessage } from '../../../../../shared/ipc/contract';
import { openTestStore, type TestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const ipc = { transport: 'ipc' as const };
const http = { transport: 'http' as const, connection: { remoteAddress: '127.0.0.1', localAddress: '127.0.0.1' } }; // browser mode on this machine

function memorySecrets(): KeptSecrets & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return { kept, unavailable: () => null, has: (n) => kept.has(n), get: (n) => kept.get(n), keep: (n, s) => void kept.set(n, s), forget: (n) => void kept.delete(n) };
}

async function setup(t: TestStore, secrets?: KeptSecrets) {
  const events: EventMessage[] = [];
  const jobs = new JobRunner({ handlers: syncJobHandlers({ store: t.store, services: t.svc, log: () => {} }), log: () => {} });
  const feed = new JobsFeed(jobs, (m) => events.push(m), 10);
  return { h: syncHandlers(t.svc, { jobs, feed, ...(secrets ? { secrets } : {}) }), jobs, feed, events };
}

/** Records that `remote` has all of the run as it is now (what a push records once acknowledged). */
async function markPushed(t: TestStore, remote: string, runId: string, remoteRunId: string) {
  const run = getRun(t.svc, runId);
  const facts = [
    { kind: 'id' as const, entity: 'experiment' as const, localId: run.info.experiment_id, remoteId: '7' },
    { kind: 'id' as const, entity: 'run' as const, localId: runId, remoteId: remoteRunId },
    { kind: 'run' as const, runId, name: run.info.run_name, status: run.info.status, endTime: run.info.end_time ?? null, lifecycle: run.info.lifecycle_stage },
    { kind: 'params' as const, runId, count: run.data.params?.length ?? 0 },
    { kind: 'inputs' as const, runId, count: 0 },
    ...(run.data.tags ?? []).map((tag) => ({ kind: 'tag' as const, runId, key: tag.key, value: tag.value })),
    ...t.svc.store.ctx.series.forRun(runId).map((m) => ({ kind: 'series' as const, runId, key: m.key, points: m.points })),
  ];
  await t.store.commit({ type: 'sync.record', remote, facts, summary: 'pushed 1 run', time: 1_700_000_000_000 });
}

describe('sync handlers: remotes', () => {
  it('adds remotes with no auth, an environment variable or a kept secret, and lists where each secret comes from', async () => {
    const t = await openTestStore(tempDir());
    const secrets = memorySecrets();
    const { h } = await setup(t, secrets);
    await h['remotes.add']({ name: 'open', url: 'http://127.0.0.1:5005/', auth: { kind: 'none' } }, ipc);
    await h['remotes.add']({ name: 'env', url: 'https://mlflow.example.com', auth: { kind: 'bearer' }, secret: { from: 'env', name: 'TEAM_TOKEN' } }, http);
    const kept = await h['remotes.add']({ name: 'team', url: 'https://mlflow.example.com', auth: { kind: 'basic', username: 'ana' }, secret: { from: 'kept', value: 's3cret' } }, ipc);
    expect(kept).toMatchObject({ authKind: 'basic', username: 'ana', secret: { from: 'kept', present: true }, lastSyncTime: null });
    expect(secrets.kept.get('team')).toBe('s3cret');
    const list = await h['remotes.list']({}, ipc);
    expect(list.map((r) => [r.name, r.url, r.secret])).toEqual([
      ['env', 'https://mlflow.example.com', { from: 'env', name: 'TEAM_TOKEN' }],
      ['open', 'http://127.0.0.1:5005', { from: 'none' }],
      ['team', 'https://mlflow.example.com', { from: 'kept', present: true }],
    ]);
    expect(JSON.stringify(t.store.db.all('SELECT * FROM remotes'))).not.toContain('s3cret');
    await t.store.close();
  });

  it('refuses a kept secret in browser mode and headless, saying what to do instead', async () => {
    const t = await openTestStore(tempDir());
    const add = { name: 'team', url: 'https://mlflow.example.com', auth: { kind: 'bearer' as const }, secret: { from: 'kept' as const, value: 'tok' } };
    await expect((await setup(t, memorySecrets())).h['remotes.add'](add, http)).rejects.toThrow(/Only the desktop app can keep .* environment variable/);
    await expect((await setup(t)).h['remotes.add'](add, ipc)).rejects.toThrow(/Only the desktop app/);
    expect(await (await setup(t)).h['remotes.list']({}, ipc)).toEqual([]);
    await t.store.close();
  });

  it('edits URL and auth keeping what was synced, and removing a remote forgets its kept secret', async () => {
    const t = await openTestStore(tempDir());
    const secrets = memorySecrets();
    const { h } = await setup(t, secrets);
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    await h['remotes.add']({ name: 'team', url: 'http://old:5000', auth: { kind: 'bearer' }, secret: { from: 'kept', value: 'tok' } }, ipc);
    await markPushed(t, 'team', runId, 'r-1');
    const edited = await h['remotes.update']({ name: 'team', url: 'https://new.example.com/mlflow', auth: { kind: 'bearer' } }, ipc);
    expect(edited).toMatchObject({ url: 'https://new.example.com/mlflow', secret: { from: 'kept', present: true }, lastSyncTime: 1_700_000_000_000, lastSyncState: 'pushed 1 run' });
    const states = await h['sync.runStates']({ runIds: [runId] }, ipc);
    expect(states[runId]).toEqual([{ remote: 'team', state: 'pushed', remoteUrl: 'https://new.example.com/mlflow/#/experiments/7/runs/r-1' }]);
    await h['remotes.update']({ name: 'team', url: 'https://new.example.com/mlflow', auth: { kind: 'none' } }, ipc);
    expect(secrets.kept.has('team')).toBe(false);
    await h['remotes.remove']({ name: 'team' }, ipc);
    expect(await h['remotes.list']({}, ipc)).toEqual([]);
    await t.store.close();
  });

  it('tests a connection: an unreachable server gives one line, not a stack', async () => {
    const t = await openTestStore(tempDir());
    const { h } = await setup(t);
    const res = await h['remotes.test']({ url: 'http://127.0.0.1:9', auth: { kind: 'none' } }, http);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).not.toMatch(/\n|at .*\.ts/);
    expect(await h['remotes.test']({ url: 'http://127.0.0.1:9', auth: { kind: 'bearer' }, secret: { from: 'env', name: 'SEXTANT_TEST_UNSET_VAR' } }, http)).toEqual({ ok: false, error: '$SEXTANT_TEST_UNSET_VAR is not set in the process that holds the store.' });
    await t.store.close();
  });
});

describe('sync handlers: run states and jobs', () => {
  it("tells local, pushed, changed since push and pulled apart, per remote", async () => {
    const t = await openTestStore(tempDir());
    const { h } = await setup(t);
    const [a, b] = await Promise.all([0, 1].map(async () => (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id));
    await h['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: { kind: 'none' } }, ipc);
    await markPushed(t, 'team', a!, 'remote-a');
    await markPushed(t, 'team', b!, 'remote-b');
    // a pulled run keeps its remote id, and the pull records where it came from
    const c = 'f'.repeat(32);
    await t.store.commit({ type: 'pull.startRun', remote: 'team', runId: c, experimentId: '0', name: 'pulled', userId: '', startTime: 1, artifactUri: `mlflow-artifacts:/0/${c}/artifacts`, remoteArtifactRoot: `3/${c}/artifacts`, time: 2 });
    await t.store.commit({ type: 'pull.finishRun', remote: 'team', runId: c, fingerprint: 'x', time: 3 });
    await markPushed(t, 'team', c, c);
    await logToRun(t.svc, { runId: b!, metrics: null, params: [], tags: [{ key: 'note', value: 'more' }] });
    const local = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    const states = await h['sync.runStates']({ runIds: [a!, b!, c, local, 'no-such-run'] }, ipc);
    expect(Object.fromEntries(Object.entries(states).map(([id, s]) => [id, s.map((x) => x.state)]))).toEqual({ [a!]: ['pushed'], [b!]: ['changed'], [c]: ['pulled'], [local]: ['local'] });
    await t.store.close();
  });

  it('starts a push titled by what it pushes, feeds jobs.changed to its end, and a pull of a remote that is down fails calmly', async () => {
    const t = await openTestStore(tempDir());
    const { h, jobs, events } = await setup(t);
    const runId = (await createRun(t.svc, { experimentId: '0', tags: [] })).info.run_id;
    await h['remotes.add']({ name: 'team', url: 'https://team.example.com', auth: { kind: 'bearer' }, secret: { from: 'env', name: 'SEXTANT_TEST_UNSET_TOKEN' } }, ipc);
    const job = await h['jobs.start']({ kind: 'push', remote: 'team', runIds: [runId] }, ipc);
    expect(job).toMatchObject({ kind: 'push', state: 'running', title: 'Push to team: Default (1 selected run)' });
    await expect.poll(() => events.filter((e) => e.event === 'jobs.changed').at(-1)?.payload.job.state).toBe('failed');
    const last = events.at(-1)!;
    expect(last.event === 'jobs.changed' && last.payload.job.outcome?.summary).toMatch(/push failed: .*SEXTANT_TEST_UNSET_TOKEN/);
    expect((await h['jobs.list']({}, ipc)).map((j) => j.title)).toContain(job.title);
    await h['remotes.add']({ name: 'down', url: 'http://127.0.0.1:9', auth: { kind: 'none' } }, ipc); // nothing listens there
    const pull = await h['jobs.start']({ kind: 'pull', remote: 'down' }, ipc);
    expect(pull.title).toBe('Pull from down: everything');
    await expect.poll(() => jobs.get(pull.id)?.state).toBe('failed');
    expect(jobs.get(pull.id)?.outcome?.summary).toMatch(/cannot be reached/);
    await expect(h['jobs.start']({ kind: 'push', remote: 'nobody' }, ipc)).rejects.toThrow(/No remote named 'nobody'/);
    expect(await h['jobs.cancel']({ id: job.id }, ipc)).toEqual({ cancelled: false });
    await jobs.close({ cancel: true });
    await t.store.close();
  });
});
