import { describe, expect, it } from 'vitest';
import { addRemote } from '../../../electron/services/remotes-service';
import { getModel, getVersion } from '../../../electron/services/registry-service';
import { getLoggedModel } from '../../../electron/services/logged-models-service';
import { localVersionOf, modelSyncedWith, remoteVersionOf, versionNumberFor } from '../../../electron/store/sync/pulled-models-repo';
import { pushedRun } from '../../../electron/store/sync/sync-repo';
import { crash, openTestStore } from '../../support/open-test-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const RUN = 'b'.repeat(32);
const M = `m-${'c'.repeat(32)}`;
const time = 1_700_000_000_000;

describe('registry pull ops', () => {
  it('create a logged model, a registered model and a version under the remote times, with their sync state, and replay exactly', async () => {
    const dir = tempDir();
    let t = await openTestStore(dir);
    await addRemote(t.svc, { name: 'team', url: 'http://127.0.0.1:1' });
    await t.store.commit({ type: 'pull.startRun', remote: 'team', runId: RUN, experimentId: '0', name: 'fit', userId: '', startTime: 1, artifactUri: `mlflow-artifacts:/0/${RUN}/artifacts`, remoteArtifactRoot: `5/${RUN}/artifacts`, time });
    await t.store.commit({
      type: 'pull.loggedModel', remote: 'team', modelId: M,
      create: { experimentId: '0', name: 'model', modelType: 'sk', sourceRunId: RUN, artifactUri: `mlflow-artifacts:/0/models/${M}/artifacts`, creationTime: 100 },
      status: 2, statusMessage: '', lastUpdatedTime: 150, params: [{ key: 'lr', value: '0.1' }], setTags: [{ key: 'a', value: '1' }], delTags: [],
      metrics: [{ key: 'rmse', value: 'NaN', timestamp: 5, step: 0, runId: RUN, datasetName: '', datasetDigest: '' }, { key: 'rmse', value: 'Infinity', timestamp: 6, step: 1, runId: RUN, datasetName: '', datasetDigest: '' }],
      facts: [{ kind: 'id', entity: 'logged_model', localId: M, remoteId: M }, { kind: 'tag', runId: `model:${M}`, key: 'a', value: '1' }, { kind: 'params', runId: `model:${M}`, count: 1 }],
      time,
    });
    // The same points again (a re-pull that found them missing from an older read) are kept once.
    await t.store.commit({ type: 'pull.loggedModel', remote: 'team', modelId: M, params: [], setTags: [], delTags: [], metrics: [{ key: 'rmse', value: 'NaN', timestamp: 5, step: 0, runId: RUN, datasetName: '', datasetDigest: '' }], facts: [], time });
    await t.store.commit({ type: 'pull.model', remote: 'team', name: 'reg', create: { creationTime: 200 }, description: 'd', setTags: [{ key: 't', value: 'v' }], delTags: [], setAliases: [], delAliases: [], lastUpdatedTime: 210, facts: [{ kind: 'tag', runId: 'registered:reg', key: '@description', value: 'd' }], time });
    await t.store.commit({
      type: 'pull.version', remote: 'team', name: 'reg', version: 4,
      create: { source: `models:/${M}`, storageLocation: `mlflow-artifacts:/0/models/${M}/artifacts`, runId: RUN, runLink: '', userId: 'ann', modelId: M, status: 'READY', statusMessage: '', creationTime: 300 },
      description: 'first', stage: 'Staging', setTags: [{ key: 'ok', value: 'yes' }], delTags: [], lastUpdatedTime: 310,
      facts: [{ kind: 'id', entity: 'model_version', localId: 'reg/4', remoteId: '7' }, { kind: 'tag', runId: 'version:reg/4', key: '@stage', value: 'Staging' }],
      time,
    });
    await t.store.commit({ type: 'pull.model', remote: 'team', name: 'reg', setAliases: [{ alias: 'champion', version: 4 }], setTags: [], delTags: ['t'], delAliases: [], lastUpdatedTime: 400, facts: [{ kind: 'tag', runId: 'registered:reg', key: '@alias:champion', value: '7' }], time });
    await expect(t.store.commit({ type: 'pull.model', remote: 'team', name: 'reg', create: { creationTime: 1 }, setTags: [], delTags: [], setAliases: [], delAliases: [], facts: [], time })).rejects.toThrow(/already exists/);
    await expect(t.store.commit({ type: 'pull.model', remote: 'team', name: 'reg', setTags: [], delTags: [], setAliases: [{ alias: 'x', version: 9 }], delAliases: [], facts: [], time })).rejects.toThrow(/not found/);
    await crash(t);

    t = await openTestStore(dir); // replayed from the journal
    const db = t.store.db;
    const lm = getLoggedModel(t.svc, M);
    expect(lm.info).toMatchObject({ creation_timestamp_ms: 100, last_updated_timestamp_ms: 150, status: 'LOGGED_MODEL_READY', source_run_id: RUN, model_type: 'sk', tags: [{ key: 'a', value: '1' }] });
    expect(lm.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(lm.data.metrics?.map((m) => [m.value, m.step])).toEqual([[NaN, 0], [Infinity, 1]]);
    expect(getModel(t.svc, 'reg')).toMatchObject({ creation_timestamp: 200, last_updated_timestamp: 400, description: 'd', aliases: [{ alias: 'champion', version: '4' }] });
    expect(getModel(t.svc, 'reg').tags ?? []).toEqual([]);
    expect(getVersion(t.svc, 'reg', '4')).toMatchObject({ creation_timestamp: 300, last_updated_timestamp: 310, current_stage: 'Staging', description: 'first', user_id: 'ann', source: `models:/${M}`, model_id: M, aliases: ['champion'] });
    expect(localVersionOf(db, 'team', 'reg', '7')).toBe(4);
    expect(localVersionOf(db, 'team', 'other', '7')).toBeUndefined();
    expect(remoteVersionOf(db, 'team', 'reg', 4)).toBe('7');
    expect(modelSyncedWith(db, 'team', 'reg')).toBe(true);
    expect(modelSyncedWith(db, 'elsewhere', 'reg')).toBe(false);
    expect(pushedRun(db, 'team', 'registered:reg').tags).toEqual(new Map([['@description', 'd'], ['@alias:champion', '7']]));
    expect(pushedRun(db, 'team', `model:${M}`)).toMatchObject({ params: 1, tags: new Map([['a', '1']]) });
    await t.store.close();
  });

  it('numbers a pulled version as the remote does when that number is free here, else next', async () => {
    const t = await openTestStore(tempDir());
    await t.store.commit({ type: 'registry.createModel', name: 'm', description: '', tags: [], time });
    expect(versionNumberFor(t.store.db, 'm', 3)).toBe(3);
    await t.store.commit({ type: 'registry.createVersion', name: 'm', version: 3, source: 'x', storageLocation: '', runId: '', runLink: '', description: '', userId: '', modelId: '', tags: [], time });
    await t.store.commit({ type: 'registry.deleteVersion', name: 'm', version: 3, time });
    expect(versionNumberFor(t.store.db, 'm', 3)).toBe(4); // a deleted number is never reused
    expect(versionNumberFor(t.store.db, 'm', 1)).toBe(1);
    await t.store.close();
  });
});
