import { describe, expect, it } from 'vitest';
import { addRemote } from '../../../../../electron/services/remotes-service';
import { lazyArtifact, lazyArtifactsOf, lazyEntries, pulledOwnerRoots, pulledRun, recordedArtifacts } from '../../../../../electron/store/sync/pull-repo';
import { pushedRun } from '../../../../../electron/store/sync/sync-repo';
import { crash, openTestStore } from '../../../../support/open-test-store';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const RUN = 'a'.repeat(32);

describe('pull ops', () => {
  it('create a pulled run under its remote id, record lazy files and their download, and replay exactly', async () => {
    const dir = tempDir();
    let t = await openTestStore(dir);
    await addRemote(t.svc, { name: 'team', url: 'http://127.0.0.1:1' });
    const time = 1_700_000_000_000;
    await t.store.commit({ type: 'pull.startRun', remote: 'team', runId: RUN, experimentId: '0', name: 'trial', userId: 'ann', startTime: 5, artifactUri: `mlflow-artifacts:/0/${RUN}/artifacts`, remoteArtifactRoot: `3/${RUN}/artifacts`, time });
    await t.store.commit({ type: 'artifact.lazy', remote: 'team', runId: RUN, files: [{ path: 'model/data/w.bin', size: 10 }, { path: 'notes.txt', size: 3 }], time });
    await t.store.commit({ type: 'artifact.local', remote: 'team', runId: RUN, path: 'notes.txt', size: 3, mtime: 42, time });
    await t.store.commit({ type: 'pull.finishRun', remote: 'team', runId: RUN, fingerprint: 'f1', time });
    await expect(t.store.commit({ type: 'pull.startRun', remote: 'team', runId: RUN, experimentId: '0', name: 'x', userId: '', startTime: null, artifactUri: '', remoteArtifactRoot: '', time })).rejects.toThrow(/already exists/);
    await crash(t);

    t = await openTestStore(dir); // replayed from the journal
    const db = t.store.db;
    expect(db.get('SELECT run_id, name, user_id, start_time, status, lifecycle_stage FROM runs WHERE run_id = ?', [RUN])).toEqual({ run_id: RUN, name: 'trial', user_id: 'ann', start_time: 5, status: 'RUNNING', lifecycle_stage: 'active' });
    expect(pulledRun(db, RUN)).toEqual({ runId: RUN, remote: 'team', artifactRoot: `3/${RUN}/artifacts`, complete: true, fingerprint: 'f1', pulledTime: time });
    expect(lazyArtifact(db, RUN, 'notes.txt')).toBeUndefined();
    expect(lazyArtifact(db, RUN, 'model/data/w.bin')).toEqual({ runId: RUN, path: 'model/data/w.bin', remote: 'team', size: 10 });
    expect(lazyEntries(db, RUN, '')).toEqual([{ path: 'model', is_dir: true }]);
    expect(lazyEntries(db, RUN, 'model/data')).toEqual([{ path: 'w.bin', is_dir: false, file_size: 10 }]);
    expect(pushedRun(db, 'team', RUN).artifacts).toEqual(new Map([['model/data/w.bin', { size: 10, mtime: 0 }], ['notes.txt', { size: 3, mtime: 42 }]]));
    await t.store.close();
  });

  it('mark pulled files apart from pushed ones, and forget files the remote deleted, replayed exactly', async () => {
    const dir = tempDir();
    let t = await openTestStore(dir);
    await addRemote(t.svc, { name: 'team', url: 'http://127.0.0.1:1' });
    const time = 1_700_000_000_000;
    await t.store.commit({ type: 'pull.startRun', remote: 'team', runId: RUN, experimentId: '0', name: 'trial', userId: 'ann', startTime: 5, artifactUri: `mlflow-artifacts:/0/${RUN}/artifacts`, remoteArtifactRoot: `3/${RUN}/artifacts`, time });
    await t.store.commit({ type: 'artifact.lazy', remote: 'team', runId: RUN, files: [{ path: 'lazy.bin', size: 10 }, { path: 'got.txt', size: 3 }, { path: 'kept.txt', size: 4 }], time });
    await t.store.commit({ type: 'artifact.local', remote: 'team', runId: RUN, path: 'got.txt', size: 3, mtime: 42, time });
    await t.store.commit({ type: 'sync.record', remote: 'team', facts: [{ kind: 'artifact', runId: RUN, path: 'mine.txt', size: 5, mtime: 43 }], time });
    expect(recordedArtifacts(t.store.db, 'team', RUN)).toEqual(new Map([
      ['got.txt', { size: 3, mtime: 42, pulled: true }],
      ['kept.txt', { size: 4, mtime: 0, pulled: true }],
      ['lazy.bin', { size: 10, mtime: 0, pulled: true }],
      ['mine.txt', { size: 5, mtime: 43, pulled: false }],
    ]));
    await t.store.commit({ type: 'artifact.gone', remote: 'team', runId: RUN, paths: ['lazy.bin', 'got.txt', 'mine.txt', 'never.txt'], time });
    await expect(t.store.commit({ type: 'artifact.gone', remote: 'team', runId: 'b'.repeat(32), paths: ['x'], time })).rejects.toThrow(/not found|does not exist/i);
    await crash(t);

    t = await openTestStore(dir); // replayed from the journal
    const db = t.store.db;
    expect(lazyArtifactsOf(db, RUN)).toEqual([{ runId: RUN, path: 'kept.txt', remote: 'team', size: 4 }]);
    expect(recordedArtifacts(db, 'team', RUN)).toEqual(new Map([['kept.txt', { size: 4, mtime: 0, pulled: true }]]));
    await t.store.close();
  });

  it("keep a pulled logged model's lazy files under its key model:<id>, with its remote root, and replay exactly", async () => {
    const dir = tempDir();
    let t = await openTestStore(dir);
    await addRemote(t.svc, { name: 'team', url: 'http://127.0.0.1:1' });
    const time = 1_700_000_000_000;
    const model = 'm-00112233445566778899aabbccddeeff';
    const key = `model:${model}`;
    await expect(t.store.commit({ type: 'artifact.lazy', remote: 'team', runId: key, files: [{ path: 'MLmodel', size: 1 }], time })).rejects.toThrow(/Logged model with ID 'm-00112233445566778899aabbccddeeff' not found/);
    await t.store.commit({
      type: 'pull.loggedModel', remote: 'team', modelId: model, time,
      create: { experimentId: '0', name: 'clf', modelType: '', sourceRunId: null, artifactUri: `mlflow-artifacts:/0/models/${model}/artifacts`, creationTime: time },
      params: [], setTags: [], delTags: [], metrics: [], remoteArtifactRoot: `5/models/${model}/artifacts`, facts: [],
    });
    await t.store.commit({ type: 'artifact.lazy', remote: 'team', runId: key, files: [{ path: 'MLmodel', size: 11 }, { path: 'data/model.pkl', size: 70 }], time });
    await t.store.commit({ type: 'artifact.local', remote: 'team', runId: key, path: 'MLmodel', size: 11, mtime: 42, time });
    await crash(t);

    t = await openTestStore(dir); // replayed from the journal
    const db = t.store.db;
    expect(pulledOwnerRoots(db, key)).toEqual({ localRoot: `0/models/${model}/artifacts`, remoteRoot: `5/models/${model}/artifacts` });
    expect(pulledOwnerRoots(db, RUN)).toBeUndefined();
    expect(lazyArtifactsOf(db, key)).toEqual([{ runId: key, path: 'data/model.pkl', remote: 'team', size: 70 }]);
    expect(lazyEntries(db, key, '')).toEqual([{ path: 'data', is_dir: true }]);
    expect(recordedArtifacts(db, 'team', key)).toEqual(new Map([['MLmodel', { size: 11, mtime: 42, pulled: true }], ['data/model.pkl', { size: 70, mtime: 0, pulled: true }]]));
    await t.store.close();
  });
});
