// The lazy fetcher on an in-process store against a small HTTP artifact proxy: a lazily pulled file
// of a logged model (key `model:<id>`) is listed with its size, downloaded on first read from the
// model's remote root and kept; a remote that deleted it answers not found (naming the model); a
// remote that cannot be reached answers TEMPORARILY_UNAVAILABLE and changes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalArtifact, listArtifactFolder, setLazyArtifactFetcher } from '../../../../electron/services/artifacts-service';
import { addRemote } from '../../../../electron/services/remotes-service';
import { createLazyFetcher } from '../../../../electron/sync/lazy-fetcher';
import { lazyArtifactsOf, recordedArtifacts } from '../../../../electron/store/sync/pull-repo';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const MODEL = 'm-fedcba9876543210fedcba9876543210';
const KEY = `model:${MODEL}`;
const REMOTE_ROOT = `9/models/${MODEL}/artifacts`;
const LOCAL_ROOT = `0/models/${MODEL}/artifacts`;
const servers: Server[] = [];

/** Serves `files` (path below the model's remote root → content) as MLflow's artifact proxy does; records the paths asked for. */
async function artifactProxy(files: Map<string, string>): Promise<{ url: string; asked: string[]; server: Server }> {
  const asked: string[] = [];
  const prefix = `/api/2.0/mlflow-artifacts/artifacts/${REMOTE_ROOT}/`;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '').split('?')[0]!;
    const body = path.startsWith(prefix) ? files.get(path.slice(prefix.length)) : undefined;
    asked.push(path.slice(prefix.length));
    if (req.method !== 'GET' || body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'not found' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked, server };
}

async function pulledModelStore(url: string, files: { path: string; size: number }[]): Promise<TestStore> {
  const t = await openTestStore(tempDir());
  await addRemote(t.svc, { name: 'team', url });
  await t.store.commit({
    type: 'pull.loggedModel', remote: 'team', modelId: MODEL, time: 1,
    create: { experimentId: '0', name: 'clf', modelType: '', sourceRunId: null, artifactUri: `mlflow-artifacts:/${LOCAL_ROOT}`, creationTime: 1 },
    params: [], setTags: [], delTags: [], metrics: [], remoteArtifactRoot: REMOTE_ROOT, facts: [{ kind: 'id', entity: 'logged_model', localId: MODEL, remoteId: MODEL }],
  });
  await t.store.commit({ type: 'artifact.lazy', remote: 'team', runId: KEY, files, time: 2 });
  setLazyArtifactFetcher(t.store, createLazyFetcher({ svc: t.svc, env: {}, timeoutMs: 5000 }));
  return t;
}

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

describe("lazy fetcher: a pulled logged model's files", () => {
  it('lists a lazy file with its size, downloads it on first read from the model\'s remote root, then keeps it', async () => {
    const proxy = await artifactProxy(new Map([['MLmodel', 'flavors: {}'], ['data/model.pkl', 'pickled']]));
    const t = await pulledModelStore(proxy.url, [{ path: 'MLmodel', size: 11 }, { path: 'data/model.pkl', size: 7 }]);
    expect(await listArtifactFolder(t.svc, LOCAL_ROOT)).toEqual([{ path: 'MLmodel', is_dir: false, file_size: 11 }, { path: 'data', is_dir: true }]);
    expect(await listArtifactFolder(t.svc, `${LOCAL_ROOT}/data`)).toEqual([{ path: 'model.pkl', is_dir: false, file_size: 7 }]);

    const ref = await ensureLocalArtifact(t.svc, `${LOCAL_ROOT}/data/model.pkl`);
    expect(readFileSync(join(t.store.artifactsDir, ...ref), 'utf8')).toBe('pickled');
    expect(proxy.asked).toEqual(['data/model.pkl']);
    expect(lazyArtifactsOf(t.store.db, KEY).map((a) => a.path)).toEqual(['MLmodel']);
    expect(recordedArtifacts(t.store.db, 'team', KEY).get('data/model.pkl')).toMatchObject({ size: 7, pulled: true });

    await ensureLocalArtifact(t.svc, `${LOCAL_ROOT}/data/model.pkl`);
    expect(proxy.asked).toEqual(['data/model.pkl']); // kept: not downloaded again
    await t.store.close();
  });

  it('a file the remote deleted since the pull is not found, saying so; nothing changes here', async () => {
    const proxy = await artifactProxy(new Map());
    const t = await pulledModelStore(proxy.url, [{ path: 'MLmodel', size: 11 }]);
    await expect(ensureLocalArtifact(t.svc, `${LOCAL_ROOT}/MLmodel`)).rejects.toMatchObject({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message: expect.stringMatching(new RegExp(`of logged model ${MODEL} was not downloaded, and remote 'team' no longer has it \\(deleted there\\)`)),
    });
    expect(lazyArtifactsOf(t.store.db, KEY).map((a) => a.path)).toEqual(['MLmodel']);
    await t.store.close();
  });

  it('a remote that cannot be reached: TEMPORARILY_UNAVAILABLE, the file still lazy', async () => {
    const proxy = await artifactProxy(new Map([['MLmodel', 'flavors: {}']]));
    const t = await pulledModelStore(proxy.url, [{ path: 'MLmodel', size: 11 }]);
    await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
    servers.splice(servers.indexOf(proxy.server), 1);
    await expect(ensureLocalArtifact(t.svc, `${LOCAL_ROOT}/MLmodel`)).rejects.toMatchObject({
      code: 'TEMPORARILY_UNAVAILABLE',
      message: expect.stringMatching(new RegExp(`'MLmodel' of logged model ${MODEL} was not downloaded: it was pulled lazily from remote 'team', which cannot be reached`)),
    });
    expect(existsSync(`${t.store.artifactsDir}/${LOCAL_ROOT}/MLmodel`)).toBe(false);
    expect(lazyArtifactsOf(t.store.db, KEY).map((a) => a.path)).toEqual(['MLmodel']);
    await t.store.close();
  });
});
