import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../../shared/domain/registry';
import type { Op } from '../../../../electron/store/ops/op-types';
import { remoteId } from '../../../../electron/store/sync/sync-repo';
import { pushRegisteredModels } from '../../../../electron/sync/push-registry';
import type { RemotePort } from '../../../../electron/sync/remote-port';
import { openTestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const RUN = 'e'.repeat(32);

/** A remote that already has version 1 of 'clf', pushed from another store (a bundle's origin) from the same remote run. */
function fakeRemote(existing: ModelVersion[]) {
  const created: unknown[] = [];
  const client: RemotePort = {
    get: ((path: string) => {
      if (path === 'runs/get') return Promise.resolve({ run: { info: { run_id: 'remote-run', artifact_uri: 'mlflow-artifacts:/7/remote-run/artifacts' } } });
      if (path === 'registered-models/get') return Promise.resolve({ registered_model: { name: 'clf' } });
      return Promise.reject(new Error(`unexpected GET ${path}`));
    }) as RemotePort['get'],
    post: ((path: string, body: unknown) => {
      if (path === 'model-versions/create') {
        created.push(body);
        return Promise.resolve({ model_version: { version: String(existing.length + created.length) } });
      }
      return Promise.resolve({});
    }) as RemotePort['post'],
    patch: (() => Promise.resolve({})) as RemotePort['patch'],
    delete: (() => Promise.resolve({})) as RemotePort['delete'],
    async *searchPages() {
      yield { model_versions: existing };
    },
    uploadArtifact: () => Promise.resolve({}),
  };
  return { client, created };
}

const version = (origin: string, source = 'mlflow-artifacts:/7/remote-run/artifacts/model'): ModelVersion => ({
  name: 'clf', version: '1', creation_timestamp: 1, last_updated_timestamp: 1, current_stage: 'None', source, run_id: 'remote-run', status: 'READY',
  tags: [{ key: 'sextant.origin.version', value: origin }],
});

async function storeWithVersion(dir: string) {
  const t = await openTestStore(dir);
  const ops: Op[] = [
    { type: 'experiment.create', id: '1', name: 'e', artifactLocation: 'mlflow-artifacts:/1', tags: [], time: 1 },
    { type: 'run.create', runId: RUN, experimentId: '1', name: 'r', userId: '', startTime: 1, artifactUri: `mlflow-artifacts:/1/${RUN}/artifacts`, tags: [], time: 1 },
    { type: 'registry.createModel', name: 'clf', description: '', tags: [], time: 2 },
    { type: 'registry.createVersion', name: 'clf', version: 1, source: `mlflow-artifacts:/1/${RUN}/artifacts/model`, storageLocation: `mlflow-artifacts:/1/${RUN}/artifacts/model`, runId: RUN, runLink: '', description: '', userId: '', modelId: '', tags: [], time: 2 },
    { type: 'remote.add', remote: { name: 'team', url: 'http://x', authKind: 'none', username: '', secretEnv: '' }, time: 3 },
    { type: 'sync.record', remote: 'team', facts: [{ kind: 'id', entity: 'run', localId: RUN, remoteId: 'remote-run' }], time: 3 },
  ];
  for (const op of ops) await t.store.commit(op);
  return t;
}

describe('push of a model version that came in a bundle', () => {
  it('finds the version pushed from the store the bundle came from (same name/version, same remote run): no second remote version', async () => {
    const t = await storeWithVersion(join(tempDir(), 's'));
    const { client, created } = fakeRemote([version('other-store-id:clf/1')]);
    const record = (facts: Extract<Op, { type: 'sync.record' }>['facts']) => t.store.commit({ type: 'sync.record', remote: 'team', facts, time: 4 }).then(() => undefined);
    const result = await pushRegisteredModels({ svc: t.svc, remote: 'team', client, record }, ['clf']);
    expect(result.problems).toEqual([]);
    expect(created).toEqual([]);
    expect(remoteId(t.store.db, 'team', 'model_version', 'clf/1')).toBe('1');
    await t.store.close();
  });

  it('still creates its own version when the remote one of that number comes from another source', async () => {
    const t = await storeWithVersion(join(tempDir(), 's'));
    const { client, created } = fakeRemote([version('other-store-id:clf/1', 'mlflow-artifacts:/7/another-run/artifacts/model')]);
    const record = (facts: Extract<Op, { type: 'sync.record' }>['facts']) => t.store.commit({ type: 'sync.record', remote: 'team', facts, time: 4 }).then(() => undefined);
    await pushRegisteredModels({ svc: t.svc, remote: 'team', client, record }, ['clf']);
    expect(created).toHaveLength(1);
    expect(remoteId(t.store.db, 'team', 'model_version', 'clf/1')).toBe('2');
    await t.store.close();
  });
});
