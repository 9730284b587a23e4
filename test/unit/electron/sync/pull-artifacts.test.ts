// pullArtifacts on an in-process store with a fake remote: the states a pull SIGKILLed between a
// file change and its record leaves behind are finished by the next pull (nothing downloaded twice,
// nothing reported), and a listing that fails deletes nothing. A pulled logged model's files are
// brought in line by the same code, under its key `model:<id>`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addRemote } from '../../../../electron/services/remotes-service';
import type { ArtifactEntry, WriteTo } from '../../../../electron/sync/artifact-transfer';
import { pullArtifacts, type ArtifactOwner } from '../../../../electron/sync/pull-artifacts';
import type { ArtifactMode, PullRunContext } from '../../../../electron/sync/pull-context';
import type { PullPort } from '../../../../electron/sync/pull-port';
import { lazyArtifactsOf, lazyEntries, pulledOwnerRoots, pulledRun, recordedArtifacts } from '../../../../electron/store/sync/pull-repo';
import { openTestStore, type TestStore } from '../../../support/open-test-store';
import { useTempDirs } from '../../../support/temp-dir';
import { artifactFile } from '../../../support/artifact-file';

const tempDir = useTempDirs();
const RUN = 'c'.repeat(32);
const RUN_ROOT = `7/${RUN}/artifacts`;

const MODEL = 'm-0123456789abcdef0123456789abcdef';
const MODEL_ROOT = `7/models/${MODEL}/artifacts`;

/** A remote artifact proxy over `files` (path below the owner's root → content); counts downloads. */
function fakeRemote(files: Map<string, string>, failListing = false, ROOT = RUN_ROOT) {
  const downloads: string[] = [];
  const list = async (path: string): Promise<ArtifactEntry[]> => {
    if (failListing) throw new Error('connection reset');
    const dir = path === ROOT ? '' : path.slice(ROOT.length + 1);
    const out = new Map<string, ArtifactEntry>();
    for (const [p, body] of files) {
      const rest = dir ? (p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : null) : p;
      if (rest === null) continue;
      const [name, ...deeper] = rest.split('/');
      out.set(name!, deeper.length ? { path: `${path}/${name}`, isDir: true } : { path: `${path}/${name}`, isDir: false, size: Buffer.byteLength(body) });
    }
    return [...out.values()];
  };
  const client = {
    listArtifacts: list,
    downloadArtifact: async (remotePath: string, writeTo: WriteTo) => {
      const body = files.get(remotePath.slice(ROOT.length + 1))!;
      downloads.push(remotePath.slice(ROOT.length + 1));
      await writeTo(Readable.from([Buffer.from(body)]));
      return { bytes: Buffer.byteLength(body) };
    },
  } as unknown as PullPort;
  return { client, downloads };
}

async function pulledStore(): Promise<TestStore> {
  const t = await openTestStore(tempDir());
  await addRemote(t.svc, { name: 'team', url: 'http://127.0.0.1:1' });
  await t.store.commit({ type: 'pull.startRun', remote: 'team', runId: RUN, experimentId: '0', name: 'trial', userId: 'ann', startTime: 1, artifactUri: `mlflow-artifacts:/0/${RUN}/artifacts`, remoteArtifactRoot: RUN_ROOT, time: 1 });
  return t;
}

const runOwner = (t: TestStore): ArtifactOwner => {
  const p = pulledRun(t.store.db, RUN)!;
  return { key: p.runId, localRoot: `0/${RUN}/artifacts`, remoteRoot: p.artifactRoot, noun: 'run' };
};

function run(t: TestStore, client: PullPort, artifacts: ArtifactMode, owner = runOwner(t)) {
  const problems: string[] = [];
  const ctx: PullRunContext = {
    svc: t.svc, remote: 'team', client, artifacts,
    record: (facts) => t.store.commit({ type: 'sync.record', remote: 'team', facts, time: 2 }).then(() => undefined),
    problem: (_item, message) => void problems.push(message),
    copied: () => undefined,
  };
  return pullArtifacts(ctx, owner, 'trial').then((r) => ({ ...r, problems }));
}

const localFile = (t: TestStore, path: string) => artifactFile(t.svc, `0/${RUN}/artifacts/${path}`);
const writeLocal = (t: TestStore, path: string, body: string) => {
  mkdirSync(dirname(localFile(t, path)), { recursive: true });
  writeFileSync(localFile(t, path), body);
};

describe('pullArtifacts', () => {
  it('records a file downloaded by a pull killed before its record, without downloading it again', async () => {
    const t = await pulledStore();
    const remote = fakeRemote(new Map([['model/w.bin', 'weights'], ['notes.txt', 'n']]));
    writeLocal(t, 'model/w.bin', 'weights'); // renamed into place, then killed
    expect(await run(t, remote.client, 'eager')).toEqual({ copied: 1, removed: 0, problems: [] });
    expect(remote.downloads).toEqual(['notes.txt']);
    expect([...recordedArtifacts(t.store.db, 'team', RUN).keys()]).toEqual(['model/w.bin', 'notes.txt']);
    expect(await run(t, remote.client, 'eager')).toEqual({ copied: 0, removed: 0, problems: [] });
    await t.store.close();
  });

  it('forgets a file whose removal was not yet recorded when the pull was killed, and removes the empty folders', async () => {
    const t = await pulledStore();
    const files = new Map([['model/w.bin', 'weights'], ['keep.txt', 'k']]);
    const remote = fakeRemote(files);
    await run(t, remote.client, 'eager');
    files.delete('model/w.bin');
    expect(await run(t, remote.client, 'eager')).toEqual({ copied: 0, removed: 1, problems: [] });
    expect(existsSync(localFile(t, 'model'))).toBe(false);
    expect([...recordedArtifacts(t.store.db, 'team', RUN).keys()]).toEqual(['keep.txt']);

    files.delete('keep.txt');
    await t.store.commit({ type: 'artifact.local', remote: 'team', runId: RUN, path: 'gone.txt', size: 1, mtime: 5, time: 3 }); // recorded, its file already deleted
    expect(await run(t, remote.client, 'eager')).toEqual({ copied: 0, removed: 1, problems: [] });
    expect(recordedArtifacts(t.store.db, 'team', RUN).size).toBe(0);
    await t.store.close();
  });

  it('a listing that fails changes nothing here (a partial listing is never taken for deletions)', async () => {
    const t = await pulledStore();
    const files = new Map([['a.txt', 'a']]);
    await run(t, fakeRemote(files).client, 'lazy');
    writeLocal(t, 'mine.txt', 'mine');
    await expect(run(t, fakeRemote(new Map(), true).client, 'lazy')).rejects.toThrow(/connection reset/);
    expect(lazyArtifactsOf(t.store.db, RUN).map((a) => a.path)).toEqual(['a.txt']);
    expect(readFileSync(localFile(t, 'mine.txt'), 'utf8')).toBe('mine');
    await t.store.close();
  });

  it("brings a pulled logged model's files in line as a run's: lazy, then eager downloads the lazy ones, then a file deleted remotely goes", async () => {
    const t = await pulledStore();
    await t.store.commit({
      type: 'pull.loggedModel', remote: 'team', modelId: MODEL, time: 1,
      create: { experimentId: '0', name: 'clf', modelType: '', sourceRunId: RUN, artifactUri: `mlflow-artifacts:/0/models/${MODEL}/artifacts`, creationTime: 1 },
      params: [], setTags: [], delTags: [], metrics: [], remoteArtifactRoot: MODEL_ROOT, facts: [{ kind: 'id', entity: 'logged_model', localId: MODEL, remoteId: MODEL }],
    });
    const key = `model:${MODEL}`;
    const roots = pulledOwnerRoots(t.store.db, key)!;
    expect(roots).toEqual({ localRoot: `0/models/${MODEL}/artifacts`, remoteRoot: MODEL_ROOT });
    const owner: ArtifactOwner = { key, ...roots, noun: 'model' };
    const modelFile = (path: string) => artifactFile(t.svc, `${roots.localRoot}/${path}`);
    const files = new Map([['MLmodel', 'flavors'], ['model.pkl', 'pickled'], ['extra/notes.txt', 'n']]);
    const remote = fakeRemote(files, false, MODEL_ROOT);

    expect(await run(t, remote.client, 'lazy', owner)).toEqual({ copied: 3, removed: 0, problems: [] });
    expect(remote.downloads).toEqual([]);
    expect(existsSync(modelFile('MLmodel'))).toBe(false);
    expect(lazyArtifactsOf(t.store.db, key).map((a) => [a.path, a.size])).toEqual([['MLmodel', 7], ['extra/notes.txt', 1], ['model.pkl', 7]]);
    expect(lazyEntries(t.store.db, key, '')).toEqual(expect.arrayContaining([{ path: 'MLmodel', is_dir: false, file_size: 7 }, { path: 'extra', is_dir: true }]));
    expect(await run(t, remote.client, 'lazy', owner)).toEqual({ copied: 0, removed: 0, problems: [] }); // nothing new

    expect(await run(t, remote.client, 'eager', owner)).toEqual({ copied: 3, removed: 0, problems: [] });
    expect(remote.downloads.sort()).toEqual(['MLmodel', 'extra/notes.txt', 'model.pkl']);
    expect(readFileSync(modelFile('model.pkl'), 'utf8')).toBe('pickled');
    expect(lazyArtifactsOf(t.store.db, key)).toEqual([]);
    expect([...recordedArtifacts(t.store.db, 'team', key).values()].every((r) => r.pulled)).toBe(true);

    files.delete('extra/notes.txt');
    expect(await run(t, remote.client, 'lazy', owner)).toEqual({ copied: 0, removed: 1, problems: [] });
    expect(existsSync(modelFile('extra'))).toBe(false);
    expect([...recordedArtifacts(t.store.db, 'team', key).keys()]).toEqual(['MLmodel', 'model.pkl']);
    expect(lazyArtifactsOf(t.store.db, RUN)).toEqual([]); // the run's files are its own
    await t.store.close();
  });
});
